/**
 * Rule updates offline, on the production build (SPEC §11): the pack in force downloads byte for
 * byte; a pack with every corporate rate a point higher and a new version loads, shows its changes
 * and effect, applies, raises the total to the figure computed here, shows its version on every
 * screen, survives a reload, and reverting restores the built-in figures byte for byte. Every kind
 * of bad pack file is refused with its message and changes nothing; an older pack needs confirming.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import Decimal from 'decimal.js';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { type Session, openApp } from './browser';
import { addFiles, download, setFilingDate, showScreen, totalRefund, waitReady } from './helpers';
import { csvText, row, simpleEntry } from '../factories/es003';
import { naiveInterest, november2026Rates } from '../factories/interest-oracle';
import type { Rulepack } from '../../src/core/rulebook';
import { formatEntryNumber } from '../../src/core/entry-number';

let s: Session;
afterEach(async () => {
  expect(s.errors).toEqual([]);
  await s.close();
});

const A = 'B7603245278';
const B = 'ABC12345676';
const C = 'SP700000014';

/** A unliquidated and B liquidated 2026-04-01 (both READY at F = 2026-05-04); C carries only the Section 122 surcharge. */
const FIXTURE = csvText([
  ...simpleEntry(A),
  ...simpleEntry(B, { status: 'Liquidated', liqDate: '04/01/2026' }),
  row({ entry: C, entryDate: '03/10/2026', summaryDate: '03/12/2026', hts: '99030301', duty: '150.00' }),
  row({
    entry: C,
    entryDate: '03/10/2026',
    summaryDate: '03/12/2026',
    ordinal: 2,
    hts: '8471300100',
    value: '1500.00',
    duty: '0',
  }),
]);

/** The refund to declare, computed here: A projected 2026-06-18, B reliquidated 2026-05-05, both deposited 2025-06-12. */
function expectedTotal(rate: (quarter: string) => string): string {
  return [
    naiveInterest('1000.00', '2025-06-12', '2026-06-18', rate),
    naiveInterest('1000.00', '2025-06-12', '2026-05-05', rate),
  ]
    .reduce((t, i) => t.plus(i), new Decimal('2000.00'))
    .toFixed(2);
}

async function openWithFixture(): Promise<Page> {
  s = await openApp(inject('baseUrl'));
  await waitReady(s.page);
  await setFilingDate(s.page, '2026-05-04');
  await addFiles(s.page, [{ name: 'fixture.csv', text: FIXTURE }]);
  return s.page;
}

const total = (page: Page) => totalRefund(page);
const inForce = (page: Page) => page.getByTestId('rulepack-in-force').textContent();

async function loadPack(page: Page, name: string, bytes: Buffer): Promise<void> {
  await showScreen(page, 'Rulebook');
  await page.getByTestId('rulepack-input').setInputFiles({ name, mimeType: 'application/json', buffer: bytes });
}

/** JSON as the pack format writes it: two-space indent, one final newline. */
const packBytes = (doc: unknown) => Buffer.from(JSON.stringify(doc, null, 2) + '\n', 'utf8');

describe('rule packs in the browser', () => {
  it('download, raise every corporate rate by a point, load: the total rises as computed here; reload keeps it; revert restores the built-in figures byte for byte', async () => {
    const page = await openWithFixture();
    const builtInTotal = expectedTotal(november2026Rates('corporate'));
    expect(await total(page)).toBe(builtInTotal);
    const builtInCsv = (await download(page, 'export-entries')).bytes;

    // The pack in force, as a download: the repository's file, byte for byte, with the SHA-256 shown.
    await showScreen(page, 'Rulebook');
    const builtIn = await download(page, 'export-rulepack');
    const repoFile = await readFile(new URL('../../src/core/builtin-rulepack.json', import.meta.url));
    expect(builtIn.bytes.equals(repoFile)).toBe(true);
    const doc = JSON.parse(builtIn.bytes.toString('utf8')) as {
      version: string;
      overpaymentRates: { quarter: string; corporate: string }[];
    };
    expect(builtIn.name).toBe(`cape-prep-rulepack-${doc.version}.json`);
    expect(await page.getByTestId('rulepack-sha256').textContent()).toBe(
      createHash('sha256').update(builtIn.bytes).digest('hex'),
    );

    for (const r of doc.overpaymentRates) r.corporate = String(Number(r.corporate) + 1);
    const version = `${doc.version}-raised`;
    doc.version = version;
    const raisedBytes = packBytes(doc);
    await loadPack(page, 'raised.json', raisedBytes);

    // Before it applies: its changes, and the total before → after.
    const raisedTotal = expectedTotal(november2026Rates('corporate', 1));
    const preview = page.getByTestId('rulepack-preview');
    await preview.waitFor();
    const money = (t: string) => `$${Number(t).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
    expect(await page.getByTestId('rulepack-effect').textContent()).toContain(
      `${money(builtInTotal)} → ${money(raisedTotal)}`,
    );
    await expect(page.getByTestId('rulepack-changes').locator('tbody tr').count()).resolves.toBe(
      doc.overpaymentRates.length,
    );
    expect(await total(page)).toBe(builtInTotal);

    await preview.getByRole('button', { name: 'Apply this pack' }).click();
    await page.getByTestId('rulepack-in-force').filter({ hasText: version }).waitFor();
    await waitReady(page);
    expect(await total(page)).toBe(raisedTotal);
    await page.getByText(new RegExp(`^rule pack ${version} applied: total refund`)).waitFor();
    // Every screen the side navigation lists.
    const screens = await page.getByRole('navigation', { name: 'Screens' }).locator('li button').allTextContents();
    expect(screens.length).toBeGreaterThan(5);
    for (const screen of screens.map((t) => t.trim())) {
      await showScreen(page, screen);
      expect(await inForce(page), screen).toContain(`Rulebook ${version}`);
    }
    await showScreen(page, 'Rulebook');
    expect((await download(page, 'export-rulepack')).bytes.equals(raisedBytes)).toBe(true);

    // A reload: the pack stays in force (the filing date is each tab's own: set it again).
    await page.reload();
    await waitReady(page);
    expect(await inForce(page)).toContain(`Rulebook ${version}`);
    await setFilingDate(page, '2026-05-04');
    expect(await total(page)).toBe(raisedTotal);

    await showScreen(page, 'Rulebook');
    await page.getByRole('button', { name: /^Revert to the built-in pack/ }).click();
    await page.getByTestId('rulepack-in-force').filter({ hasNotText: version }).waitFor();
    await waitReady(page);
    expect(await total(page)).toBe(builtInTotal);
    expect((await download(page, 'export-entries')).bytes.equals(builtInCsv)).toBe(true);
  });

  it('every kind of bad pack file is refused with what is wrong and where, and nothing changes', async () => {
    const page = await openWithFixture();
    const before = { total: await total(page), csv: (await download(page, 'export-entries')).bytes };
    await showScreen(page, 'Rulebook');
    const good = JSON.parse((await download(page, 'export-rulepack')).bytes.toString('utf8')) as Rulepack;
    const edited = (edit: (d: Rulepack) => void) => {
      const d = structuredClone(good);
      edit(d);
      return packBytes(d);
    };
    const cases: [string, Buffer, string[]][] = [
      ['empty.json', Buffer.alloc(0), ['The file is empty.']],
      ['rates.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x00]), ['The file is not UTF-8 text']],
      ['truncated.json', packBytes(good).subarray(0, 200), ['The file is not valid JSON']],
      [
        'other.json',
        Buffer.from('{"format": "some-other-tool/3"}'),
        ['format: must be "cape-prep-rulepack/1": this is not a CAPE Prep rule pack'],
      ],
      [
        'unknown-key.json',
        edited((d) => ((d.overpaymentRates[0] as unknown as Record<string, unknown>).note = 'mine')),
        ['overpaymentRates[quarter=2025Q1].note: unknown key: cape-prep-rulepack/1 has no such value.'],
      ],
      [
        'missing.json',
        edited((d) => Reflect.deleteProperty(d, 'phases')),
        ['phases: missing: every value of the format is required.'],
      ],
      [
        'bad-date.json',
        edited((d) => (d.asOf = '2026-11-31')),
        ['asOf: must be a real date written YYYY-MM-DD, got "2026-11-31".'],
      ],
      [
        'percent-sign.json',
        edited((d) => (d.overpaymentRates[5]!.corporate = '6%')),
        ['overpaymentRates[quarter=2026Q2].corporate: must be a decimal number of percent written as text'],
      ],
      [
        'gap.json',
        edited((d) => d.overpaymentRates.splice(6, 1)),
        ['quarters must follow each other without gaps or repeats: 2026Q2 is followed by 2026Q4.'],
      ],
    ];
    for (const [name, bytes, problems] of cases) {
      await loadPack(page, name, bytes);
      const error = page.getByTestId('rulepack-error').filter({ hasText: name });
      await error.waitFor();
      const text = (await error.textContent())!;
      expect(text, name).toContain(`${name} is not a valid rule pack`);
      expect(text, name).toContain('Nothing was changed.');
      for (const p of problems) expect(text, name).toContain(p);
      await expect(page.getByTestId('rulepack-preview').count()).resolves.toBe(0);
      expect(await total(page), name).toBe(before.total);
      expect(await inForce(page), name).toContain(`Rulebook ${good.version}`);
    }
    await waitReady(page);
    expect((await download(page, 'export-entries')).bytes.equals(before.csv)).toBe(true);
  });

  it('a pack older than the built-in one applies only once the user confirms it', async () => {
    const page = await openWithFixture();
    await showScreen(page, 'Rulebook');
    const doc = JSON.parse((await download(page, 'export-rulepack')).bytes.toString('utf8')) as Rulepack;
    doc.asOf = '2026-11-01';
    doc.version = '2026.11.01-1';
    await loadPack(page, 'older.json', packBytes(doc));
    const preview = page.getByTestId('rulepack-preview');
    await preview.getByText(/This pack is older than the app's built-in pack/).waitFor();
    const apply = preview.getByRole('button', { name: 'Apply this pack' });
    expect(await apply.isDisabled()).toBe(true);
    await preview.getByRole('checkbox', { name: /Apply the older rules anyway/ }).check();
    await apply.click();
    await page.getByTestId('rulepack-in-force').filter({ hasText: '2026.11.01-1' }).waitFor();
    await waitReady(page);
    await page.reload();
    await waitReady(page);
    expect(await inForce(page)).toContain('Rulebook 2026.11.01-1');
  });

  it('names other Chapter 99 duty that stays, and marks interest that rests on an assumed rate', async () => {
    const page = await openWithFixture();
    await showScreen(page, 'Overview');
    const other = page.getByTestId('other-chapter-99');
    await other.getByText('Section 122 surcharge').waitFor();
    expect(await other.locator('tbody tr').textContent()).toContain('$150.00');

    await showScreen(page, 'Entries');
    await page.locator('button.entry', { hasText: formatEntryNumber(C) }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('.tag.other', { hasText: 'Section 122 surcharge' }).waitFor();
    await page.getByRole('button', { name: 'Close entry detail' }).click();

    // Filed on 2026-12-01, A liquidates in January 2027: past the rate table, at an assumed rate.
    await setFilingDate(page, '2026-12-01');
    await showScreen(page, 'Overview');
    expect(await page.getByTestId('assumed-rates').textContent()).toContain('2027Q1');
    await showScreen(page, 'Entries');
    await page.locator('button.entry', { hasText: formatEntryNumber(A) }).click();
    expect(await dialog.getByTestId('entry-assumed-rate').textContent()).toBe('rate assumed for 2027Q1');
  });
});
