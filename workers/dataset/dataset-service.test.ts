import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CapeDb } from '../store/db';
import {
  ETA_MIN_SECONDS,
  ETA_MIN_SHARE,
  type ImportProgress,
  PROGRESS_INTERVAL_MS,
  sourceFor,
} from '../ingest/import-file';
import type { Snapshot } from '../contract';
import { DatasetService } from './dataset-service';
import { checkDigit } from '../../src/core/entry-number';
import { HEADER, csvText, fileOf, heldFile, row, simpleEntry, utf16 } from '../../tests/factories/es003';
import { checked, messageOf, updated } from '../../tests/factories/results';

let dbCount = 0;
const open: DatasetService[] = [];

async function service(
  name = `test-${++dbCount}`,
): Promise<{ s: DatasetService; name: string; snap: Snapshot; db: CapeDb }> {
  const db = new CapeDb(name);
  const s = new DatasetService(db, sourceFor(), '2026-05-04');
  open.push(s);
  const snap = await s.init('2026-05-04');
  return { s, name, snap, db };
}

afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

const noProgress = () => undefined;

const ENTRY_A = 'B7603245278';
const ENTRY_B = 'ABC12345676';
const ENTRY_C = 'SP700000014';

describe('importing ES-003 files into the dataset', () => {
  it('adding a file reads only that file: files already in memory are not read back from storage', async () => {
    const { s, db } = await service();
    await s.importFiles([fileOf(csvText(simpleEntry(ENTRY_A)), 'one.csv')], noProgress);
    const reads = vi.spyOn(db.rowPages, 'where');
    const { snapshot } = await s.importFiles([fileOf(csvText(simpleEntry(ENTRY_B)), 'two.csv')], noProgress);
    expect(reads).not.toHaveBeenCalled();
    expect(snapshot.dataset.entries).toBe(2);
  });

  it('imports a CSV, analyses it, and reports the mapping', async () => {
    const { s } = await service();
    const text = csvText([
      ...simpleEntry(ENTRY_A),
      ...simpleEntry(ENTRY_B, { status: 'Liquidated', liqDate: '04/01/2026' }),
    ]);
    const { outcomes, snapshot } = await s.importFiles([fileOf(text)], noProgress);
    expect(outcomes).toEqual([{ fileName: 'es003.csv', kind: 'imported' }]);
    expect(snapshot.dataset).toMatchObject({ rows: 4, entries: 2, problemTotal: 0 });
    expect(snapshot.overview.declared.count).toBe(2);
    expect(snapshot.overview.declared.principal).toBe(200_000);
    const report = snapshot.files[0]!.report;
    expect(report.layout).toBe('UTF-8, comma-delimited, header on row 1');
    expect(report.recognised.map((r) => r.field)).toContain('liquidation_status');
    expect(report.missing.map((m) => m.field)).toContain('reconciliation_flag');
    const page = s.queryEntries({ offset: 0, limit: 10 });
    expect(page.rows.map((r) => [r.entryNumber, r.segment, r.projectedDate])).toEqual([
      [ENTRY_B, 'READY', '2026-05-05'],
      [ENTRY_A, 'READY', '2026-06-18'],
    ]);
  });

  it.each([
    ['UTF-16 LE with BOM', (t: string) => utf16(t, false)],
    ['UTF-16 BE with BOM', (t: string) => utf16(t, true)],
    ['UTF-8 with BOM', (t: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(t)])],
  ])('reads %s, multi-byte names intact', async (_label, encode) => {
    const { s } = await service();
    const text = csvText(simpleEntry(ENTRY_A, { name: 'Müller Küchentechnik GmbH — 株式会社' }), { delimiter: '\t' });
    const { outcomes, snapshot } = await s.importFiles([fileOf(encode(text))], noProgress);
    expect(outcomes[0]!.kind).toBe('imported');
    expect(snapshot.dataset.entries).toBe(1);
    expect(snapshot.overview.byIor[0]!.importerName).toBe('Müller Küchentechnik GmbH — 株式会社');
  });

  it.each([
    ['tab', '\t'],
    ['semicolon', ';'],
    ['pipe', '|'],
  ])('sniffs a %s delimiter', async (label, delimiter) => {
    const { s } = await service();
    const { snapshot } = await s.importFiles([fileOf(csvText(simpleEntry(ENTRY_A), { delimiter }))], noProgress);
    expect(snapshot.files[0]!.report.layout).toContain(`${label}-delimited`);
    expect(snapshot.overview.declared.principal).toBe(100_000);
  });

  it('reports progress at most every PROGRESS_INTERVAL_MS: bytes, rows, entries, rows/s and ETA, ending with the whole file', async () => {
    const { s } = await service();
    const rows: string[][] = [];
    for (let i = 0; i < 30_000; i++) {
      const base = `B76${String(1_000_000 + i).padStart(7, '0')}`;
      rows.push(...simpleEntry(base + checkDigit(base)));
    }
    const file = fileOf(csvText(rows), 'big.csv');
    const events: (ImportProgress & { at: number })[] = [];
    const started = performance.now();
    await s.importFiles([file], (p) => events.push({ ...p, at: performance.now() }));
    const elapsed = performance.now() - started;
    const reading = events.filter((e) => e.phase === 'reading');
    expect(reading.length).toBeGreaterThan(0);
    // Throttled: reading events are at least the interval apart (a little slack for timer resolution).
    for (let k = 1; k < reading.length; k++)
      expect(reading[k]!.at - reading[k - 1]!.at).toBeGreaterThanOrEqual(PROGRESS_INTERVAL_MS - 5);
    expect(reading.length).toBeLessThanOrEqual(elapsed / PROGRESS_INTERVAL_MS + 1);
    for (let k = 1; k < events.length; k++) {
      expect(events[k]!.bytesRead).toBeGreaterThanOrEqual(events[k - 1]!.bytesRead);
      expect(events[k]!.rows).toBeGreaterThanOrEqual(events[k - 1]!.rows);
    }
    const last = events.at(-1)!;
    expect(last).toMatchObject({
      phase: 'done',
      fileName: 'big.csv',
      bytesRead: file.size,
      totalBytes: file.size,
      rows: 60_000,
      entries: 30_000,
    });
    expect(last.rowsPerSecond).toBeGreaterThan(0);
    expect(last.etaSeconds).toBe(0);
    // No estimate of the time left before a second of reading and 5% of the file.
    for (const e of reading)
      if (e.at - started < ETA_MIN_SECONDS * 1000 || e.bytesRead < ETA_MIN_SHARE * file.size)
        expect(e.etaSeconds).toBeNull();
  });

  it('finds the header below title and parameter lines, unwraps ="…" and skips totals rows', async () => {
    const { s } = await service();
    const body = csvText([
      ...simpleEntry(`="${ENTRY_A}"`),
      row({ entry: '="ABC-1234567-6"', hts: '="99030125"', duty: '$1,000.00' }),
      ['Total', '', '', '', '', '', '', '', '', '', '$2,000.00', '', ''],
    ]);
    const text =
      'ES-003 Entry Summary Line Tariff Details\r\nReport Parameters: Entry Date 02/01/2025 - 02/28/2026\r\n\r\n' +
      body;
    const { snapshot } = await s.importFiles([fileOf(text)], noProgress);
    const report = snapshot.files[0]!.report;
    expect(report.layout).toContain('header on row 4');
    expect(report.counts.summaryRows).toBe(1);
    expect(snapshot.dataset.entries).toBe(2);
    expect(snapshot.dataset.problemTotal).toBe(0);
    expect(snapshot.overview.declared.principal).toBe(200_000);
  });

  it('counts rows repeated across two files once, and warns about conflicting duplicates (last file wins)', async () => {
    const { s } = await service();
    await s.importFiles([fileOf(csvText([...simpleEntry(ENTRY_A), ...simpleEntry(ENTRY_B)]), 'part1.csv')], noProgress);
    const second = csvText([
      ...simpleEntry(ENTRY_A),
      row({ entry: ENTRY_B, line: 1, ordinal: 1, hts: '99030125', duty: '1200.00' }),
      ...simpleEntry(ENTRY_C),
    ]);
    const { snapshot } = await s.importFiles([fileOf(second, 'part2.csv')], noProgress);
    expect(snapshot.dataset).toMatchObject({ entries: 3, duplicateRows: 3, conflictingRows: 1 });
    expect(snapshot.overview.declared.principal).toBe(100_000 + 120_000 + 100_000);
    const b = s.entryDetail(ENTRY_B)!;
    expect(b.row.reasons).toContain('CONFLICTING_DUPLICATE_ROWS');
    expect(b.lines.map((l) => [l.file, l.duty])).toEqual([
      ['part1.csv', 0],
      ['part2.csv', 120_000],
    ]);
  });

  it('merges an entry-status file by entry number', async () => {
    const { s } = await service();
    await s.importFiles([fileOf(csvText([...simpleEntry(ENTRY_A), ...simpleEntry(ENTRY_B)]))], noProgress);
    const status =
      'Entry Number,Liquidation Status,Liquidation Date,Drawback\r\nB76-0324527-8,Liquidated,01/15/2026,N\r\nABC12345676,,,Y\r\nSP700000014,Liquidated,01/01/2026,N\r\n';
    const { snapshot } = await s.importFiles([fileOf(status, 'status.csv')], noProgress);
    expect(snapshot.files[1]!.report.kind).toBe('status');
    expect(snapshot.dataset.unknownStatusEntries).toBe(1);
    const rows = s.queryEntries({ offset: 0, limit: 5 }).rows;
    expect(rows.map((r) => [r.entryNumber, r.segment, r.reasons.join(';')])).toEqual([
      [ENTRY_B, 'NOT_ELIGIBLE', 'DRAWBACK'],
      [ENTRY_A, 'NOT_ELIGIBLE', 'PAST_80_DAYS'],
    ]);
  });

  it('lists row problems with file, row, column and value; malformed entry numbers are left out', async () => {
    const { s } = await service();
    const text = csvText([
      ...simpleEntry(ENTRY_A),
      row({ entry: ENTRY_B, hts: '99030125', duty: 'N/A' }),
      row({ entry: ENTRY_B, hts: '8471300100', duty: '5.00', entryDate: '13/45/2025' }),
      row({ entry: 'B76-03245', hts: '99030125', duty: '10.00' }),
      row({ entry: 'Z9900000004', hts: '99030125', duty: '10.00' }),
    ]);
    const { snapshot } = await s.importFiles([fileOf(text, 'bad.csv')], noProgress);
    const problems = s.problems(0, 10);
    expect(problems.rows.map((p) => [p.file, p.row, p.column, p.value])).toEqual([
      ['bad.csv', 4, 'Line Tariff Duty Amount', 'N/A'],
      ['bad.csv', 5, 'Entry Date', '13/45/2025'],
      ['bad.csv', 6, 'Entry Summary Number', 'B76-03245'],
    ]);
    expect(snapshot.dataset.entries).toBe(3);
    const byEntry = Object.fromEntries(s.queryEntries({ offset: 0, limit: 10 }).rows.map((r) => [r.entryNumber, r]));
    expect(byEntry[ENTRY_B]).toMatchObject({ segment: 'INVALID', reasons: ['BAD_ROW_DATA'], ieepaDuty: 0 });
    expect(byEntry.Z9900000004).toMatchObject({ segment: 'INVALID', reasons: ['BAD_ENTRY_NUMBER'], ieepaDuty: 1000 });
  });
});

describe('nothing is lost: atomic imports', () => {
  async function withOneFile() {
    const ctx = await service();
    const { snapshot } = await ctx.s.importFiles([fileOf(csvText(simpleEntry(ENTRY_A)), 'good.csv')], noProgress);
    return { ...ctx, before: snapshot };
  }

  it.each([
    ['empty', fileOf('')],
    ['binary', fileOf(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))],
    ['no header', fileOf('a,b,c\r\n1,2,3\r\n')],
    [
      'invalid UTF-8',
      fileOf(new Uint8Array([...new TextEncoder().encode(HEADER.join(',') + '\r\n'), 0xff, 0xfe, 0x41, 0x0a])),
    ],
    [
      'unterminated quote',
      fileOf(csvText(simpleEntry(ENTRY_B)) + `${ENTRY_C},"01,unclosed\r\n` + csvText(simpleEntry(ENTRY_C))),
    ],
  ])('a rejected file (%s) leaves the dataset as it was', async (_label, bad) => {
    const { s, name, before } = await withOneFile();
    const { outcomes, snapshot } = await s.importFiles([bad], noProgress);
    expect(outcomes[0]!.kind).toBe('rejected');
    expect(messageOf(outcomes[0]!)).toBeTruthy();
    expect(snapshot.files.map((f) => f.name)).toEqual(['good.csv']);
    expect(snapshot.overview.declared).toEqual(before.overview.declared);
    const db = new CapeDb(name);
    expect(await db.files.count()).toBe(1);
    expect(await db.rowPages.count()).toBe(1);
    db.close();
  });

  it.each([
    ['QuotaExceededError', () => new DOMException('The quota has been exceeded.', 'QuotaExceededError')],
    // Chrome reports IndexedDB quota failures as a transaction AbortError, the quota error inside it (Dexie's `inner`).
    [
      'AbortError with the quota error inside',
      () =>
        Object.assign(new DOMException('Transaction aborted', 'AbortError'), {
          inner: new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
        }),
    ],
  ])(
    'a full disk (%s) in the middle of an import is one "storage full" message, and the dataset is as it was',
    async (_label, quotaError) => {
      const { s, name, db, before } = await withOneFile();
      const put = db.rowPages.put.bind(db.rowPages);
      let writes = 0;
      db.rowPages.put = ((page: Parameters<typeof put>[0]) =>
        ++writes === 2 ? Promise.reject(quotaError()) : put(page)) as typeof db.rowPages.put;
      // 80,000 rows: three row pages, so the second write fails with rows still to come.
      const rows: string[][] = [];
      for (let i = 0; i < 40_000; i++) rows.push(...simpleEntry(ENTRY_B, { line: i + 1 }));
      const { outcomes, snapshot } = await s.importFiles([fileOf(csvText(rows), 'big.csv')], noProgress);
      expect(writes).toBe(2);
      expect(outcomes).toEqual([
        {
          fileName: 'big.csv',
          kind: 'storage-full',
          message:
            'Storage full: the browser refused to store more data for this site. Free disk space or remove loaded files, then try again. The dataset is unchanged.',
        },
      ]);
      expect(snapshot.files.map((f) => f.name)).toEqual(['good.csv']);
      expect(snapshot.overview.declared).toEqual(before.overview.declared);
      const check = new CapeDb(name);
      expect((await check.files.toArray()).map((f) => f.name)).toEqual(['good.csv']);
      expect(await check.rowPages.count()).toBe(1);
      check.close();
    },
  );

  it('a cancelled import leaves the dataset as it was and stores nothing', async () => {
    const { s, name, before } = await withOneFile();
    const rows: string[][] = [];
    for (let i = 0; i < 60_000; i++) rows.push(...simpleEntry(ENTRY_B, { line: i + 1 }));
    let cancelled = false;
    const { outcomes, snapshot } = await s.importFiles([fileOf(csvText(rows), 'big.csv')], (p) => {
      if (!cancelled && p.rows > 0) {
        cancelled = true;
        s.cancelImport();
      }
    });
    expect(cancelled).toBe(true);
    expect(outcomes[0]!.kind).toBe('cancelled');
    expect(snapshot.overview.declared).toEqual(before.overview.declared);
    const db = new CapeDb(name);
    expect((await db.files.toArray()).map((f) => f.name)).toEqual(['good.csv']);
    expect(await db.rowPages.count()).toBe(1);
    db.close();
  });

  it('data survives a reload; a staging import left by a closed tab is discarded with a notice', async () => {
    const { s, name, before } = await withOneFile();
    s.close();
    const db = new CapeDb(name);
    await db.files.add({
      name: 'half.csv',
      size: 1,
      lastModified: 0,
      status: 'staging',
      order: 9,
      importedAt: '',
      report: before.files[0]!.report,
    });
    db.close();
    const again = new DatasetService(new CapeDb(name), sourceFor(), '2026-05-04');
    open.push(again);
    const snap = await again.init('2026-05-04');
    expect(snap.files.map((f) => f.name)).toEqual(['good.csv']);
    expect(snap.overview.declared).toEqual(before.overview.declared);
    expect(snap.notices.join(' ')).toMatch(/half\.csv was interrupted/);
  });

  it('removing a file brings back what it had replaced', async () => {
    const { s } = await withOneFile();
    const { snapshot } = await s.importFiles(
      [fileOf(csvText([row({ entry: ENTRY_A, line: 1, ordinal: 1, hts: '99030125', duty: '1500.00' })]), 'newer.csv')],
      noProgress,
    );
    expect(snapshot.overview.declared.principal).toBe(150_000);
    const after = updated(await s.removeFile(snapshot.files[1]!.id));
    expect(after.overview.declared.principal).toBe(100_000);
  });
});

describe('what-if, ledger and exports', () => {
  it('recomputes on a new filing date without re-reading storage', async () => {
    const { s } = await service();
    const { snapshot } = await s.importFiles(
      [fileOf(csvText(simpleEntry(ENTRY_A, { status: 'Liquidated', liqDate: '03/01/2026' })))],
      noProgress,
    );
    expect(snapshot.overview.declared.count).toBe(1);
    const later = updated(await s.setAssumptions({ ...snapshot.assumptions, filingDate: '2026-06-01' }));
    expect(later.overview.declared.count).toBe(0);
    expect(later.overview.segments.find((x) => x.segment === 'NOT_ELIGIBLE')!.count).toBe(1);
  });

  it('writes the entries CSV; entries marked submitted are filed: analysed at their submission date, out of new declarations; rejected ones are refiled under a new name', async () => {
    const { s } = await service();
    const { snapshot } = await s.importFiles(
      [fileOf(csvText([...simpleEntry(ENTRY_A), ...simpleEntry(ENTRY_B)]))],
      noProgress,
    );
    const files = s.exportFiles(snapshot.version)!;
    const csv = await files.entriesCsv.text();
    expect(csv.split('\r\n')[0]).toBe(
      'entry_number,importer_number,entry_type,entry_date,segment,reasons,ieepa_duty,other_duty,interest,refund,projected_date,payment_group,liquidation_date,cape_last_day,protest_deadline,filing_status,paid,variance',
    );
    // $1,000.00, 2025-06-12 → 2026-06-18: 292 days at 6%, 79 days (2026 Q2) at 5% → $60.58 (analysis.test.ts).
    expect(csv.split('\r\n')[1]).toBe(
      'ABC12345676,12-3456789-00,01,2025-06-02,READY,,1000.00,0.00,60.58,1060.58,2026-06-18,2026-06-18|12-3456789-00,,,,NOT_FILED,,',
    );
    expect(snapshot.declarations.map((d) => [d.name, d.count])).toEqual([['CAPE_12345678900_20260504_1of1.csv', 2]]);
    expect(await files.declarations[0]!.blob.text()).toBe(`Entry Number\r\n${ENTRY_B}\r\n${ENTRY_A}\r\n`);
    const filed = updated(await s.markSubmitted(['CAPE_12345678900_20260504_1of1.csv'], '2026-05-04', 'DEC-0042'));
    expect(filed.ledger.map((r) => [r.submittedOn, r.claimNumber])).toEqual([['2026-05-04', 'DEC-0042']]);
    expect(filed.declarations).toEqual([]);
    // The declaration is stamped with the rule pack it was computed under (the built-in one).
    expect(filed.ledger[0]!.rulepack).toEqual({ version: filed.rulepack.version, sha256: filed.rulepack.sha256 });
    expect(filed.rulepack.origin).toBe('built-in');
    expect(filed.overview.declared.refund).toBe(0);
    expect(filed.overview.lifecycle.awaiting).toEqual({ count: 2, refund: 2 * 106058 });
    // Filed on 2026-05-04: the same figures, whatever the filing date of new declarations.
    updated(await s.setAssumptions({ ...filed.assumptions, filingDate: '2026-07-01' }));
    const after = await s.exportFiles(s.snapshot().version)!.entriesCsv.text();
    expect(after.split('\r\n')[1]).toBe(
      'ABC12345676,12-3456789-00,01,2025-06-02,READY,,1000.00,0.00,60.58,1060.58,2026-06-18,2026-06-18|12-3456789-00,,,,SUBMITTED,,',
    );
    expect(s.snapshot().overview.payments.map((p) => [p.projectedDate, p.entries, p.filedEntries])).toEqual([
      ['2026-06-18', 2, 2],
    ]);
    updated(await s.setAssumptions({ ...filed.assumptions, filingDate: '2026-05-04' }));
    // CBP rejected A: declared again, in a refile declaration under a name the ledger never used.
    const rejected = updated(await s.updateLedger(filed.ledger[0]!.id, false, [ENTRY_A]));
    expect(rejected.declarations.map((d) => [d.name, d.count, d.refile])).toEqual([
      ['CAPE_12345678900_20260504_1of1_r2.csv', 1, true],
    ]);
    expect(s.exportFiles(snapshot.version)).toBeNull();
  });

  it('checks a declaration made elsewhere against the loaded data', async () => {
    const { s } = await service();
    await s.importFiles(
      [fileOf(csvText([...simpleEntry(ENTRY_A), ...simpleEntry(ENTRY_B, { status: 'Final Liquidation' })]))],
      noProgress,
    );
    const check = checked(
      await s.checkDeclarationFile(fileOf(`Entry Number\r\n${ENTRY_A}\r\n${ENTRY_B}\r\n${ENTRY_C}\r\n`, 'theirs.csv')),
    );
    expect(check.passed).toBe(true);
    expect(check.verdicts!.map((v) => [v.entryNumber, v.accepted, v.reasons.join(';')])).toEqual([
      [ENTRY_A, true, ''],
      [ENTRY_B, false, 'FINAL_LIQUIDATION'],
      [ENTRY_C, false, 'NOT_IN_DATA'],
    ]);
  });

  it('imports the built-in sample with every segment represented', async () => {
    const { s } = await service();
    const { outcomes, snapshot } = await s.importSample(noProgress);
    expect(outcomes.map((o) => [o.fileName, o.kind])).toEqual([
      ['sample-es003.csv', 'imported'],
      ['sample-cape-claim-details.csv', 'imported'],
      ['sample-refund-payments.csv', 'imported'],
    ]);
    for (const seg of snapshot.overview.segments) expect(seg.count, seg.segment).toBeGreaterThan(0);
    // The whole lifecycle: every filing status but SUBMITTED (only the ledger makes those).
    for (const row of snapshot.overview.lifecycle.byStatus)
      if (row.status !== 'SUBMITTED') expect(row.count, row.status).toBeGreaterThan(0);
  });
});

describe('two tabs on one database', () => {
  /** The newest snapshot a tab has seen, from its own calls or from another tab's change (as the UI keeps it). */
  function newest(s: DatasetService): { seen: (snap: Snapshot) => void; get: () => Snapshot | null } {
    let latest: Snapshot | null = null;
    const seen = (snap: Snapshot) => {
      if (!latest || snap.version > latest.version) latest = snap;
    };
    s.subscribe(seen);
    return { seen, get: () => latest };
  }

  function entries(from: number, n: number): string[][] {
    const rows: string[][] = [];
    // Well-shaped entry numbers (check digits are not the point here).
    for (let i = 0; i < n; i++) rows.push(...simpleEntry(`EQ3${String(from + i).padStart(8, '0')}`));
    return rows;
  }

  it('another tab’s change is applied after this tab’s running import, never in the middle of it', async () => {
    const { s: a, name } = await service();
    const b = new DatasetService(new CapeDb(name), sourceFor(), '2026-05-04');
    open.push(b);
    await b.init('2026-05-04');
    const nb = newest(b);
    // B's own import starts first and waits, mid-read, until A's file is committed.
    const { file: gated, release } = heldFile(fileOf(csvText(entries(500_000, 1)), 'small-from-b.csv'));
    const importing = b.importFiles([gated], noProgress);
    await a.importFiles([fileOf(csvText(entries(1, 20_000)), 'big-from-a.csv')], noProgress);
    // A's change reached B, but B applies it only after its own import: a reload in between could
    // replace B's file list with one read before B's file was committed.
    await new Promise((r) => setTimeout(r, 200));
    expect(nb.get()).toBeNull();
    release();
    nb.seen((await importing).snapshot);
    await vi.waitFor(() => expect(nb.get()!.dataset.entries).toBe(20_001));
    expect(
      nb
        .get()!
        .files.map((f) => f.name)
        .sort(),
    ).toEqual(['big-from-a.csv', 'small-from-b.csv']);
    expect(nb.get()!.dataset.entries).toBe(20_001);
  });

  it('imports from both at once land intact, and each tab ends up with both files', async () => {
    const { s: a, name } = await service();
    const b = new DatasetService(new CapeDb(name), sourceFor(), '2026-05-04');
    open.push(b);
    await b.init('2026-05-04');
    const [na, nb] = [newest(a), newest(b)];
    const [ra, rb] = await Promise.all([
      a.importFiles([fileOf(csvText(entries(1, 3000)), 'from-a.csv')], noProgress),
      b.importFiles([fileOf(csvText(entries(500_000, 3000)), 'from-b.csv')], noProgress),
    ]);
    na.seen(ra.snapshot);
    nb.seen(rb.snapshot);
    await vi.waitFor(() => {
      for (const n of [na, nb]) {
        expect(
          n
            .get()!
            .files.map((f) => f.name)
            .sort(),
        ).toEqual(['from-a.csv', 'from-b.csv']);
        expect(n.get()!.dataset.entries).toBe(6000);
      }
    });
  });

  it('analysis versions keep increasing across a fresh service (after "Delete all local data")', async () => {
    const { s, snap } = await service();
    const again = new DatasetService(new CapeDb(`fresh-${dbCount}`), sourceFor(), '2026-05-04');
    open.push(again);
    const fresh = again.startEmpty('2026-05-04');
    expect(fresh.version).toBeGreaterThan(snap.version);
    expect(fresh.files).toEqual([]);
    expect(updated(await s.setAssumptions(snap.assumptions)).version).toBeGreaterThan(fresh.version);
  });
});

describe('the client list as CSV', () => {
  it('replaces the list in one step (role and filer codes kept); a file with a bad cell changes nothing and names it', async () => {
    const { s } = await service();
    updated(await s.saveProfile({ role: 'broker', filerCodes: ['B76'], clients: [] }));
    const good =
      '\uFEFFIOR,Name,Taxpayer type,Form 4811 designee,ACH enrolled\r\n12-3456789-00,"Acme, Inc.",non-corporate,Atlas,yes\r\n98-7654321-00,,,,\r\n';
    const snap = updated(await s.importClientList(new File([good], 'clients.csv')));
    expect(snap.profile).toEqual({
      role: 'broker',
      filerCodes: ['B76'],
      clients: [
        {
          importerNumber: '12-3456789-00',
          name: 'Acme, Inc.',
          taxpayerType: 'non_corporate',
          designee: 'Atlas',
          achEnrolled: 'yes',
          authorized: true,
        },
        {
          importerNumber: '98-7654321-00',
          name: '',
          taxpayerType: 'default',
          designee: '',
          achEnrolled: 'unknown',
          authorized: true,
        },
      ],
    });
    expect(await s.clientListCsv().text()).toBe(
      'IOR,Name,Taxpayer type,Form 4811 designee,ACH enrolled,May file\r\n12-3456789-00,"Acme, Inc.",non-corporate,Atlas,yes,yes\r\n98-7654321-00,,,,unknown,yes\r\n',
    );
    const bad = await s.importClientList(new File(['IOR,ACH enrolled\r\n55-5555555-00,perhaps\r\n'], 'bad.csv'));
    expect(bad).toEqual({
      kind: 'invalid-input',
      message:
        'bad.csv was not taken; the client list is unchanged. Row 2, ACH enrolled "perhaps": Expected yes, no or unknown.',
    });
    expect(s.snapshot().profile).toEqual(snap.profile);
  });
});
