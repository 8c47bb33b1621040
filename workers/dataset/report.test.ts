import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { csvText, fileOf, row, simpleEntry } from '../../tests/factories/es003';
import { sourceFor } from '../ingest/import-file';
import { CapeDb } from '../store/db';
import { DatasetService } from './dataset-service';

const open: DatasetService[] = [];
let dbCount = 0;
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

const ACME = '12-3456789-00';
const MULLER = '98-7654321-00';
// F = 2026-05-04. Liquidated 2026-02-17: 76 days before F, near CAPE's 80-day line (last day 2026-05-08).
// Liquidated 2025-11-20: past CAPE's window, protest deadline 2026-05-19 (15 days after F).
const TEXT = csvText([
  ...simpleEntry('B7603245278', { importer: ACME, status: 'Liquidated', liqDate: '02/17/2026' }),
  ...simpleEntry('ABC12345676', { importer: ACME }),
  ...simpleEntry('B7600000015', { importer: MULLER, name: 'Müller GmbH', status: 'Liquidated', liqDate: '11/20/2025' }),
  ...simpleEntry('SP700000014', { importer: MULLER, name: 'Müller GmbH' }),
]);

async function service() {
  const s = new DatasetService(new CapeDb(`report-${++dbCount}`), sourceFor(), '2026-05-04');
  open.push(s);
  await s.init('2026-05-04');
  const { snapshot } = await s.importFiles([fileOf(TEXT, 'report.csv')], () => undefined);
  return { s, snapshot };
}

describe('the one-page report', () => {
  it('totals as the Overview states them, risks by deadline, the file with the SHA-256 of its bytes', async () => {
    const { s, snapshot } = await service();
    const r = (await s.report(null))!;
    expect(r.declared).toEqual(snapshot.overview.declared);
    expect(r.filed).toEqual({
      count: snapshot.overview.lifecycle.filed.count,
      refund: snapshot.overview.lifecycle.filed.refund,
    });
    expect(r.filingDate).toBe('2026-05-04');
    expect(r.nearLimit.count).toBe(snapshot.overview.nearLimit.count);
    expect(r.nearLimit.entries.map((e) => [e.entryNumber, e.deadline, e.daysLeft])).toEqual([
      ['B7603245278', '2026-05-08', 4],
    ]);
    expect(r.protests.entries.map((e) => [e.entryNumber, e.deadline, e.daysLeft, e.amount])).toEqual([
      ['B7600000015', '2026-05-19', 15, 100000],
    ]);
    // Neither IOR is on the client list: ACH enrollment is not confirmed for either.
    expect(r.paymentRisks.map((x) => x.importerNumber).sort()).toEqual([ACME, MULLER]);
    expect(r.byIor.reduce((n, x) => n + x.declared.refund, 0)).toBe(r.declared.refund);
    expect(snapshot.files[0]!.sha256).toBe(createHash('sha256').update(Buffer.from(TEXT, 'utf8')).digest('hex'));
  });

  it('the Overview’s deadline calendar: CAPE last days of entries CAPE would refund and protest deadlines, twelve weeks from F', async () => {
    const { s, snapshot } = await service();
    const near = (await s.report(null))!.nearLimit.entries[0]!;
    expect(snapshot.overview.deadlines).toEqual([
      // 2026-02-17 + 80 days; its protest deadline (2026-08-16) is past the twelve weeks.
      { date: '2026-05-08', capeLast: { count: 1, refund: near.amount }, protest: { count: 0, duty: 0 } },
      // 2025-11-20 + 180 days; its CAPE last day (2026-02-08) is before F.
      { date: '2026-05-19', capeLast: { count: 0, refund: 0 }, protest: { count: 1, duty: 100000 } },
    ]);
  });

  it('the entry detail says how the interest was computed and when and to whom the refund is paid', async () => {
    const { s } = await service();
    const d = s.entryDetail('ABC12345676')!;
    const b = d.interestBasis!;
    expect([b.taxpayer, b.taxpayerFromClientList]).toEqual(['corporate', false]);
    expect(b.days).toBe(b.periods.reduce((n, p) => n + p.days, 0));
    expect([b.periods[0]!.from, b.periods.at(-1)!.to]).toEqual([
      // The day after the deposit date (interest runs from it) to the projected date.
      new Date(Date.parse(`${b.from}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10),
      b.to,
    ]);
    expect(b.to).toBe(d.row.projectedDate);
    expect(d.payment).toMatchObject({ recipient: ACME, viaDesignee: false, achEnrolled: 'unknown' });
    expect(d.payment!.warnings).toHaveLength(1);
    // Not eligible: no payment expected.
    expect(s.entryDetail('B7600000015')!.payment).toBeNull();
  });

  it('"Export this view": the query’s entries in its order, for people; the page carries the sums of every match', async () => {
    const { s } = await service();
    const q = { sort: 'deadline' as const, offset: 0, limit: 2 };
    const page = s.queryEntries(q);
    expect(page.rows).toHaveLength(2);
    const all = s.queryEntries({ ...q, limit: 10 }).rows;
    expect(page.sums.ieepaDuty).toBe(all.reduce((n, r) => n + r.ieepaDuty, 0));
    // The not-eligible entry's refund is at stake, not a refund.
    expect(page.sums.refund).toBe(
      all.filter((r) => r.segment === 'READY' || r.segment === 'DEFERRED').reduce((n, r) => n + r.refund, 0),
    );
    const csv = await (await s.entriesViewCsv(q)).text();
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toMatch(/^Entry number,IOR,Importer,Entry type,/);
    expect(lines).toHaveLength(5);
    // By deadline: the near-limit entry (liquidated 2026-02-17) after the one liquidated 2025-11-20; unliquidated last.
    expect(lines[1]).toMatch(
      /^B76-0000001-5,98-7654321-00,Müller GmbH,01,.*,Not eligible,.*,1000\.00,0\.00,0\.00,,1000\.00,/,
    );
    expect(lines[1]).toContain(',2025-11-20,2026-02-08,2026-05-19,Not filed,');
    expect(lines[2]).toMatch(/^B76-0324527-8,12-3456789-00,/);
    expect(lines[2]).toContain(',2026-02-17,2026-05-08,2026-08-16,Not filed,');
  });

  it('the entry detail lists the row problems of its own rows, and only those', async () => {
    const s = new DatasetService(new CapeDb(`report-${++dbCount}`), sourceFor(), '2026-05-04');
    open.push(s);
    await s.init('2026-05-04');
    const text = csvText([
      row({ entry: 'EQ355512342', line: 1, ordinal: 1, hts: '99030125', duty: '500.00' }),
      row({ entry: 'EQ355512342', line: 2, ordinal: 1, hts: '99030125', duty: 'N/A' }),
      ...simpleEntry('B7603245278'),
    ]);
    await s.importFiles([fileOf(text, 'bad.csv')], () => undefined);
    expect(s.entryDetail('EQ355512342')!.problems).toEqual([
      {
        file: 'bad.csv',
        row: 3,
        column: 'Line Tariff Duty Amount',
        value: 'N/A',
        message: expect.any(String) as string,
      },
    ]);
    expect(s.entryDetail('B7603245278')!.problems).toEqual([]);
  });

  it('of one IOR: only its entries, whatever the spelling of its number', async () => {
    const { s } = await service();
    const r = (await s.report('987654321-00'))!;
    expect(r.importerNumber).toBe(MULLER);
    expect(r.importerName).toBe('Müller GmbH');
    expect(r.byIor.map((x) => x.importerNumber)).toEqual([MULLER]);
    expect(r.nearLimit.count).toBe(0);
    expect(r.protests.count).toBe(1);
    expect(r.declared.refund).toBe(
      (await s.report(null))!.byIor.find((x) => x.importerNumber === MULLER)!.declared.refund,
    );
  });
});
