import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { context, day } from '../../tests/factories/entries';
import { csvText, fileOf, simpleEntry } from '../../tests/factories/es003';
import { tableOf } from '../../tests/factories/tables';
import { sourceFor } from '../ingest/import-file';
import { CapeDb } from '../store/db';
import { DatasetService } from './dataset-service';
import { declarationFiles } from './exports';
import { buildOverview } from './overview';
import { analyseTable } from './results';

const open: DatasetService[] = [];
let dbCount = 0;

afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

async function imported(rows: string[][]) {
  const s = new DatasetService(new CapeDb(`overview-${++dbCount}`), sourceFor(), '2026-05-04');
  open.push(s);
  await s.init('2026-05-04');
  return (await s.importFiles([fileOf(csvText(rows))], () => undefined)).snapshot.overview;
}

describe('overview sums', () => {
  it('groups IOR numbers that compare equal, named after their first entry, with payments per date and IOR', async () => {
    const overview = await imported([
      ...simpleEntry('ABC12345676', {
        importer: '12-3456789-00',
        name: 'Acme Imports, LLC',
        entryDate: '06/02/2025',
        summaryDate: '06/12/2025',
      }),
      ...simpleEntry('B7603245278', {
        importer: '123456789-00',
        name: 'ACME (renamed)',
        entryDate: '07/02/2025',
        summaryDate: '07/12/2025',
      }),
      ...simpleEntry('SP700000014', {
        importer: '12-3456789-00',
        name: 'Acme again',
        status: 'Liquidated',
        liqDate: '04/01/2026',
      }),
      ...simpleEntry('EQ310000011', { importer: '98-7654321-00', name: 'Müller GmbH' }),
    ]);
    expect(overview.byIor.map((r) => [r.importerNumber, r.importerName, r.count, r.principal])).toEqual([
      ['12-3456789-00', 'Acme Imports, LLC', 3, 300_000],
      ['98-7654321-00', 'Müller GmbH', 1, 100_000],
    ]);
    expect(overview.byMonth.map((m) => [m.month, m.principal])).toEqual([
      ['2025-06', 300_000],
      ['2025-07', 100_000],
    ]);
    expect(
      overview.payments.map((p) => [p.projectedDate, p.importerNumber, p.importerName, p.entries, p.principal]),
    ).toEqual([
      ['2026-05-05', '12-3456789-00', 'Acme again', 1, 100_000],
      ['2026-06-18', '12-3456789-00', 'Acme Imports, LLC', 2, 200_000],
      ['2026-06-18', '98-7654321-00', 'Müller GmbH', 1, 100_000],
    ]);
    const ready = overview.segments.find((s) => s.segment === 'READY')!;
    expect(overview.payments.reduce((n, p) => n + p.refund, 0)).toBe(ready.refund);
  });
});

describe('the declared entries: READY, and DEFERRED only when opted in', () => {
  // F = 2026-05-04. One READY entry (IOR A, June 2025), two DEFERRED (suspended liquidation, IOR A,
  // July 2025; AD/CVD type 03, IOR B, June 2025) and one NOT_ELIGIBLE (type 08), $1,000.00 each.
  const table = tableOf([
    ...simpleEntry('ABC12345676', { importer: 'IOR-A', entryDate: '06/02/2025' }),
    ...simpleEntry('B7603245278', { importer: 'IOR-A', entryDate: '07/02/2025', status: 'Suspended' }),
    ...simpleEntry('SP700000014', { importer: 'IOR-B', entryDate: '06/03/2025', type: '03' }),
    ...simpleEntry('EQ310000011', { importer: 'IOR-B', entryDate: '06/04/2025', type: '08' }),
  ]);
  const overview = (includeDeferred: boolean) => {
    const ctx = context({ filingDate: day('2026-05-04'), includeDeferred });
    const res = analyseTable(table, ctx);
    return { o: buildOverview(table, res, ctx), declarations: declarationFiles(table, res, ctx, 'ior', false) };
  };
  const ready = overview(false).o.segments.find((s) => s.segment === 'READY')!;

  it('the segments are as the fixture says, whatever the choice', () => {
    for (const choice of [false, true])
      expect(overview(choice).o.segments.map((s) => [s.segment, s.count])).toEqual([
        ['INVALID', 0],
        ['NO_REFUND', 0],
        ['NOT_ELIGIBLE', 1],
        ['NEEDS_STATUS', 0],
        ['DEFERRED', 2],
        ['READY', 1],
      ]);
    expect(ready.interest).toBeGreaterThan(0);
  });

  it('left out: the declared sums, the refund to declare by IOR, month and program, and the declarations hold READY only', () => {
    const { o, declarations } = overview(false);
    expect(o.includeDeferred).toBe(false);
    expect(o.declared).toEqual({ count: 1, principal: 100_000, interest: ready.interest, refund: ready.refund });
    expect(o.byIor.map((r) => [r.importerNumber, r.count, r.declaredRefund])).toEqual([
      ['IOR-A', 2, ready.refund],
      ['IOR-B', 2, 0],
    ]);
    expect(o.byMonth.map((m) => [m.month, m.principal, m.declaredRefund])).toEqual([
      ['2025-06', 300_000, ready.refund],
      ['2025-07', 100_000, 0],
    ]);
    expect(o.byProgram.map((p) => [p.program, p.principal, p.declaredPrincipal])).toEqual([
      ['Reciprocal', 400_000, 100_000],
    ]);
    expect(declarations.flatMap((d) => d.entries)).toEqual(['ABC12345676']);
  });

  it('opted in: the same sums take the DEFERRED entries too (at their duty, without interest)', () => {
    const { o, declarations } = overview(true);
    expect(o.includeDeferred).toBe(true);
    expect(o.declared).toEqual({
      count: 3,
      principal: 300_000,
      interest: ready.interest,
      refund: ready.refund + 200_000,
    });
    expect(o.byIor.map((r) => [r.importerNumber, r.count, r.declaredRefund])).toEqual([
      ['IOR-A', 2, ready.refund + 100_000],
      ['IOR-B', 2, 100_000],
    ]);
    expect(o.byMonth.map((m) => [m.month, m.principal, m.declaredRefund])).toEqual([
      ['2025-06', 300_000, ready.refund + 100_000],
      ['2025-07', 100_000, 100_000],
    ]);
    expect(o.byProgram.map((p) => [p.program, p.principal, p.declaredPrincipal])).toEqual([
      ['Reciprocal', 400_000, 300_000],
    ]);
    expect(declarations.flatMap((d) => d.entries).sort()).toEqual(['ABC12345676', 'B7603245278', 'SP700000014']);
  });

  it('expected payments are READY entries only, whether DEFERRED is declared or not', () => {
    for (const choice of [false, true]) {
      const { o } = overview(choice);
      expect(o.payments.map((p) => [p.importerNumber, p.entries, p.principal, p.refund])).toEqual([
        ['IOR-A', 1, 100_000, ready.refund],
      ]);
    }
  });
});
