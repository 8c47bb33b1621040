/**
 * Attribute pages are stored in IndexedDB: what an earlier version wrote must still load. These pin
 * the stored layout, so a renamed column, a reordered code list or a renumbered flag bit fails here.
 */
import { describe, expect, it } from 'vitest';
import { ENTRY_ATTRIBUTES } from '../../src/core/entry-attributes';
import { AttrAccumulator } from '../ingest/attr-accumulator';
import { NO_DAY } from './pages';

describe('stored attribute pages', () => {
  it('keep their columns, array types and absent values', () => {
    const acc = new AttrAccumulator();
    acc.slot(1e10);
    const [page] = acc.pages(7);
    const layout = Object.fromEntries(
      Object.entries(page!).map(([k, v]) => [
        k,
        ArrayBuffer.isView(v) ? `${v.constructor.name} ${String((v as Int32Array)[0])}` : typeof v,
      ]),
    );
    expect(layout).toEqual({
      fileId: 'number',
      page: 'number',
      count: 'number',
      dict: 'object',
      entry: 'Float64Array 10000000000',
      importer: 'Int32Array -1',
      importerName: 'Int32Array -1',
      entryType: 'Int32Array -1',
      country: 'Int32Array -1',
      port: 'Int32Array -1',
      entryDate: `Int32Array ${NO_DAY}`,
      summaryDate: `Int32Array ${NO_DAY}`,
      liqDate: `Int32Array ${NO_DAY}`,
      liqStatus: 'Int8Array -1',
      summaryStatus: 'Int8Array -1',
      flags: 'Uint16Array 0',
      present: 'Uint16Array 0',
      bad: 'Uint8Array 0',
    });
  });

  it('store codes by position and flags by bit (append only)', () => {
    const codes = Object.fromEntries(ENTRY_ATTRIBUTES.flatMap((a) => (a.kind === 'code' ? [[a.column, a.codes]] : [])));
    expect(codes).toEqual({
      liqStatus: ['unknown', 'unliquidated', 'liquidated', 'final', 'suspended', 'extended', 'under_review'],
      summaryStatus: ['absent', 'accepted', 'not_accepted'],
    });
    const bits = Object.fromEntries(ENTRY_ATTRIBUTES.flatMap((a) => (a.kind === 'flag' ? [[a.field, a.bit]] : [])));
    expect(bits).toEqual({
      reconciliation_flag: 1,
      recon_09_filed: 2,
      drawback_flag: 4,
      protest_status: 8,
      surety_paid: 16,
      adcvd_flag: 32,
    });
  });
});
