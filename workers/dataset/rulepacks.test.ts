/**
 * Rule updates in the worker (SPEC §11): a pack file is validated in full and a bad one changes
 * nothing; a good one is previewed (changes, effect on the totals computed with it) without being
 * applied; applied, it survives a reload and is stamped on declarations marked submitted; revert puts
 * the built-in pack back with the very same figures; an older pack needs confirmation; a stored pack
 * the app no longer accepts gives way to the built-in one.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { builtInRulepack } from '../../src/core/builtin-rulepack';
import { canonicalRulepackBytes } from '../../src/core/rulebook';
import { csvText, fileOf, simpleEntry } from '../../tests/factories/es003';
import { cents, naiveInterest, november2026Rates } from '../../tests/factories/interest-oracle';
import { updated } from '../../tests/factories/results';
import { builtInDocument, packFile, raisedCorporate } from '../../tests/factories/rulepacks';
import type { RulepackPreview, RulepackPreviewResult, Snapshot } from '../contract';
import { sourceFor } from '../ingest/import-file';
import { CapeDb } from '../store/db';
import { DatasetService } from './dataset-service';

const TODAY = '2026-05-04';
const ENTRY_A = 'B7603245278';
const ENTRY_B = 'ABC12345676';
const noProgress = () => undefined;
let dbCount = 0;
const open: DatasetService[] = [];

afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

async function service(name = `rulepacks-${++dbCount}`): Promise<{ s: DatasetService; name: string; db: CapeDb }> {
  const db = new CapeDb(name);
  const s = new DatasetService(db, sourceFor(), TODAY);
  open.push(s);
  await s.init(TODAY);
  return { s, name, db };
}

/** A (unliquidated, projected 2026-06-18) and B (liquidated 2026-04-01, reliquidated 2026-05-05), $1,000.00 each. */
async function withTwoEntries(s: DatasetService): Promise<Snapshot> {
  const text = csvText([
    ...simpleEntry(ENTRY_A),
    ...simpleEntry(ENTRY_B, { status: 'Liquidated', liqDate: '04/01/2026' }),
  ]);
  return (await s.importFiles([fileOf(text)], noProgress)).snapshot;
}

/** The refund to declare of A and B, cents, under rates given by quarter (deposit 2025-06-12 for both). */
function expectedTotal(rate: (quarter: string) => string): number {
  return (
    cents('2000.00') +
    cents(naiveInterest('1000.00', '2025-06-12', '2026-06-18', rate)) +
    cents(naiveInterest('1000.00', '2025-06-12', '2026-05-05', rate))
  );
}

function previewOf(r: RulepackPreviewResult): RulepackPreview {
  if (r.kind !== 'preview') throw new Error(`${r.message} ${r.problems.join('; ')}`);
  return r.preview;
}

async function entriesCsv(s: DatasetService): Promise<string> {
  return s.exportFiles(s.snapshot().version)!.entriesCsv.text();
}

describe('a pack file that is not valid changes nothing and says what is wrong', () => {
  it.each<[string, () => File, string, string[]]>([
    [
      'not JSON',
      () => fileOf('rates: 5%', 'rates.json'),
      'rates.json is not a valid rule pack: 1 problem.',
      ['The file is not valid JSON: '],
    ],
    [
      'a rate that is not a decimal, and a bad date',
      () => {
        const doc = raisedCorporate();
        doc.overpaymentRates[5]!.corporate = '6%';
        doc.asOf = '2026-13-01';
        return packFile(doc, 'edited.json');
      },
      'edited.json is not a valid rule pack: 2 problems.',
      [
        'asOf: must be a real date written YYYY-MM-DD, got "2026-13-01".',
        'overpaymentRates[quarter=2026Q2].corporate: must be a decimal number of percent written as text',
      ],
    ],
    [
      'an unknown key',
      () => packFile({ ...raisedCorporate(), notes: 'x' }, 'extra.json'),
      'extra.json is not a valid rule pack: 1 problem.',
      ['notes: unknown key: cape-prep-rulepack/1 has no such value.'],
    ],
    [
      'an empty file',
      () => fileOf('', 'empty.json'),
      'empty.json is not a valid rule pack: 1 problem.',
      ['The file is empty.'],
    ],
  ])('%s', async (_what, file, message, problems) => {
    const { s, db } = await service();
    const before = await withTwoEntries(s);
    const csv = await entriesCsv(s);

    const result = await s.previewRulepack(file());

    expect(result.kind).toBe('rejected');
    if (result.kind !== 'rejected') return;
    expect(result.message).toBe(`${message} Nothing was changed.`);
    expect(result.problems).toHaveLength(problems.length);
    problems.forEach((p, k) => expect(result.problems[k]).toContain(p));
    // Nothing changed: the figures, the pack in force, the exports, what is stored; and nothing waits to be applied.
    expect({ ...s.snapshot(), version: 0, timing: null }).toEqual({ ...before, version: 0, timing: null });
    expect(await entriesCsv(s)).toBe(csv);
    expect(await db.settings.get('rulepack')).toBeUndefined();
    expect(await s.applyRulepack(builtInRulepack().sha256, false)).toMatchObject({ kind: 'invalid-input' });
  });
});

describe('loading a newer pack', () => {
  it('previews its changes and their effect without applying it; applied, the totals follow it and survive a reload', async () => {
    const { s, name, db } = await service();
    const before = await withTwoEntries(s);
    const builtInCsv = await entriesCsv(s);
    expect(before.overview.declared.refund).toBe(expectedTotal(november2026Rates('corporate')));

    const preview = previewOf(await s.previewRulepack(packFile(raisedCorporate(), 'raised.json')));

    const raised = expectedTotal(november2026Rates('corporate', 1));
    expect(preview).toMatchObject({ fileName: 'raised.json', version: '2026.11.28-2', olderThanBuiltIn: false });
    expect(preview.changes.map((c) => `${c.path} ${c.before} → ${c.after}`)).toEqual(
      builtInRulepack().pack.overpaymentRates.map(
        (r) => `overpaymentRates[quarter=${r.quarter}].corporate ${r.corporate} → ${Number(r.corporate) + 1}`,
      ),
    );
    expect(preview.changelog.map((c) => c.version)).toEqual(['2026.11.28-2']);
    expect(preview.effect).toEqual({
      before: { count: 2, interest: before.overview.declared.interest, refund: before.overview.declared.refund },
      after: { count: 2, interest: raised - cents('2000.00'), refund: raised },
      segmentMoves: [],
      refundChanged: 2,
    });
    // Not applied yet.
    expect(s.snapshot().overview.declared.refund).toBe(before.overview.declared.refund);
    expect(await db.settings.get('rulepack')).toBeUndefined();

    const applied = updated(await s.applyRulepack(preview.sha256, false));
    expect(applied.overview.declared.refund).toBe(raised);
    expect(applied.rulepack).toMatchObject({ version: '2026.11.28-2', origin: 'loaded', fileName: 'raised.json' });
    expect(applied.rulepack.sha256).toBe(preview.sha256);
    expect(applied.rates.find((r) => r.quarter === '2026Q2')).toMatchObject({ corporate: '6', status: 'published' });
    const doc = s.rulepackDocument();
    expect(await doc.file.text()).toBe(new TextDecoder().decode(canonicalRulepackBytes(raisedCorporate())));
    expect(doc.fileName).toBe('cape-prep-rulepack-2026.11.28-2.json');

    // A declaration marked submitted now is stamped with the pack.
    const filed = updated(await s.markSubmitted([applied.declarations[0]!.name]));
    expect(filed.ledger[0]!.rulepack).toEqual({ version: '2026.11.28-2', sha256: preview.sha256 });

    // Another start on the same storage: the pack is still in force.
    const again = await service(name);
    expect(again.s.snapshot().rulepack).toMatchObject({ version: '2026.11.28-2', sha256: preview.sha256 });
    expect(again.s.snapshot().ledger[0]!.rulepack).toEqual({ version: '2026.11.28-2', sha256: preview.sha256 });

    // Revert: the built-in pack and its figures, byte for byte.
    await s.deleteLedgerRecord(filed.ledger[0]!.id);
    const reverted = updated(await s.revertRulepack());
    expect(reverted.rulepack).toMatchObject({ origin: 'built-in', sha256: builtInRulepack().sha256 });
    expect(await entriesCsv(s)).toBe(builtInCsv);
    expect(await db.settings.get('rulepack')).toBeUndefined();
  });

  it('the mapping report of a file imported earlier words its missing columns by the pack in force', async () => {
    const { s } = await service();
    const adcvd = (snap: Snapshot) => snap.files[0]!.report.missing.find((m) => m.field === 'adcvd_flag')!.impact;
    expect(adcvd(await withTwoEntries(s))).toContain('recognised by entry type 03/07 only');
    const doc = builtInDocument();
    doc.version = '2026.11.28-4';
    doc.entryTypes.adcvd.value = ['03'];
    const preview = previewOf(await s.previewRulepack(packFile(doc)));
    expect(adcvd(updated(await s.applyRulepack(preview.sha256, false)))).toContain('recognised by entry type 03 only');
  });

  it('a pack that moves entries between segments says which and how many', async () => {
    const { s } = await service();
    await withTwoEntries(s);
    const doc = builtInDocument();
    doc.version = '2026.11.28-3';
    // B liquidated 33 days before the filing date: a 30-day window puts it on the protest route.
    doc.limits.reliquidationWindowDays.value = 30;
    doc.limits.nearLimitFromDays.value = 25;
    const preview = previewOf(await s.previewRulepack(packFile(doc)));
    expect(preview.effect.segmentMoves).toEqual([{ from: 'READY', to: 'NOT_ELIGIBLE', count: 1 }]);
    expect(preview.effect.after.count).toBe(1);
  });

  it('rates the user edited stay theirs under a new pack; the others follow the pack', async () => {
    const { s } = await service();
    const before = await withTwoEntries(s);
    updated(await s.setAssumptions({ ...before.assumptions, rateOverrides: [{ quarter: '2026Q2', corporate: '4' }] }));
    const preview = previewOf(await s.previewRulepack(packFile(raisedCorporate())));
    const applied = updated(await s.applyRulepack(preview.sha256, false));
    expect(applied.rates.find((r) => r.quarter === '2026Q2')).toMatchObject({ corporate: '4', status: 'edited' });
    expect(applied.rates.find((r) => r.quarter === '2026Q1')).toMatchObject({ corporate: '7', status: 'published' });
    const rate = (q: string) => (q === '2026Q2' ? '4' : november2026Rates('corporate', 1)(q));
    expect(applied.overview.declared.refund).toBe(expectedTotal(rate));
    expect(preview.effect.after.refund).toBe(expectedTotal(rate));
  });
});

describe('an older pack', () => {
  const older = () => {
    const doc = raisedCorporate(builtInDocument(), '2026.11.20-1');
    doc.asOf = '2026-11-20';
    return packFile(doc, 'older.json');
  };

  it('is applied only when the user confirms it, and then stays in force', async () => {
    const { s, name } = await service();
    await withTwoEntries(s);
    const preview = previewOf(await s.previewRulepack(older()));
    expect(preview.olderThanBuiltIn).toBe(true);
    const refused = await s.applyRulepack(preview.sha256, false);
    expect(refused).toEqual({
      kind: 'invalid-input',
      message: `Rule pack 2026.11.20-1 (as of 2026-11-20) is older than the built-in pack ${builtInRulepack().pack.version} (as of ${builtInRulepack().pack.asOf}): it was not applied. Confirm that you want the older rules to apply it.`,
    });
    expect(s.snapshot().rulepack.origin).toBe('built-in');
    expect(updated(await s.applyRulepack(preview.sha256, true)).rulepack.version).toBe('2026.11.20-1');
    expect((await service(name)).s.snapshot().rulepack.version).toBe('2026.11.20-1');
  });

  it('stored without that confirmation (the app got a newer built-in pack since), it gives way to the built-in pack', async () => {
    const { s, name, db } = await service();
    await withTwoEntries(s);
    const bytes = new Uint8Array(await older().arrayBuffer());
    await db.settings.put({
      key: 'rulepack',
      value: { bytes, fileName: 'older.json', appliedAt: '2026-11-21T10:00:00.000Z', confirmedOlder: false },
    });
    const { s: next } = await service(name);
    const snap = next.snapshot();
    expect(snap.rulepack.origin).toBe('built-in');
    expect(snap.notices).toContain(
      `The rule pack you loaded from older.json (version 2026.11.20-1, as of 2026-11-20) is older than this version's built-in pack: the built-in pack ${builtInRulepack().pack.version} (as of ${builtInRulepack().pack.asOf}) is in force.`,
    );
    expect(await db.settings.get('rulepack')).toBeUndefined();
  });

  it('a stored pack this version no longer accepts gives way to the built-in pack, saying why', async () => {
    const { name, db } = await service();
    await db.settings.put({
      key: 'rulepack',
      value: { bytes: new TextEncoder().encode('{}'), fileName: 'old.json', appliedAt: '', confirmedOlder: true },
    });
    const { s } = await service(name);
    expect(s.snapshot().rulepack.origin).toBe('built-in');
    expect(s.snapshot().notices[0]).toMatch(
      /^The rule pack you loaded from old\.json no longer passes this version's checks \(format: must be/,
    );
  });
});

describe('settings stored before rule packs', () => {
  it('a stored whole rate table equal to the old built-in one follows the pack; an edited rate stays', async () => {
    const { name, db } = await service();
    const old = ['2025Q1', '2025Q2', '2025Q3', '2025Q4', '2026Q1', '2026Q2', '2026Q3', '2026Q4'].map((quarter) => ({
      quarter,
      corporate: quarter === '2026Q4' ? '6.5' : '6',
      nonCorporate: '7',
    }));
    await db.settings.put({
      key: 'assumptions',
      value: { overpaymentRates: old, defaultTaxpayer: 'corporate', includeDeferred: false, partition: 'ior' },
    });
    const { s } = await service(name);
    const snap = s.snapshot();
    expect(snap.assumptions.rateOverrides).toEqual([{ quarter: '2026Q4', corporate: '6.5' }]);
    expect('overpaymentRates' in snap.assumptions).toBe(false);
    expect(snap.rates.find((r) => r.quarter === '2026Q2')).toMatchObject({ corporate: '5', nonCorporate: '6' });
    expect(snap.rates.find((r) => r.quarter === '2026Q4')).toMatchObject({ corporate: '6.5', status: 'edited' });
  });
});
