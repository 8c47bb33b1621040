/**
 * The spellings of an ES-003 export, through the real browser's file streaming and text decoding:
 * UTF-8 with and without BOM, UTF-16 LE/BE, tab/semicolon/pipe, title rows, `="…"` cells and a
 * totals row all give the same entries CSV, byte for byte. Every row carries importer numbers and
 * names in 2-, 3- and 4-byte characters (a fifth of the file's bytes sit inside one): with 64 KiB
 * read chunks, 4 of the 35 chunk boundaries of the UTF-8 file fall inside a character. Rows repeated across two files
 * count once; a cancelled import leaves the dataset as it was.
 */
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { type Session, openApp } from './browser';
import { addFiles, download, showScreen, totalRefund, waitReady } from './helpers';
import { HEADER, csvText, simpleEntry, utf16 } from '../factories/es003';
import { checkDigit } from '../../src/core/entry-number';

const TMP = resolve('.tmp/formats-e2e');
const entry = (base10: string) => base10 + checkDigit(base10);

/** Importer numbers as written, in 1- to 4-byte UTF-8 characters: the entries CSV repeats them. */
const IMPORTERS = ['12-3456789-00', 'Société Générale-01', '株式会社サクラ-02', '🚢 Ocean Freight-03'];
const NAMES = [
  '深圳市海运有限公司·深圳市海运有限公司',
  'Ωμέγα 🚢🚢🚢 Γραμμές Ναυτιλίας',
  'Müller & Söhne GmbH — Düsseldorf',
  '株式会社サクラ商事・東京本社',
];
/** Entries in the dataset (two rows each, 2.3 MB as UTF-8): many read chunks. */
const ENTRIES = 8_000;

function rows(): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ENTRIES; i++) {
    const k = i % IMPORTERS.length;
    out.push(
      ...simpleEntry(entry(`B76${String(1_000_000 + i * 13).padStart(7, '0')}`), {
        importer: IMPORTERS[k]!,
        name: NAMES[(i >> 2) % NAMES.length]!,
      }),
    );
  }
  return out;
}

/** How ACE's Excel-minded exports write text cells: `="…"`, unquoted. */
function excelText(rs: string[][]): string {
  const quote = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  const entryCol = HEADER.indexOf('Entry Summary Number');
  const htsCol = HEADER.indexOf('HTS Number - Full');
  const body = rs
    .map((r) => r.map((c, i) => (i === entryCol || i === htsCol ? `="${c}"` : quote(c))).join(','))
    .join('\r\n');
  return `Entry Summary Line Tariff Details\r\nRun 11/26/2026 10:00 by broker\r\n\r\n${HEADER.join(',')}\r\n${body}\r\nTotal,,,,,,,,,,"${(ENTRIES * 1000).toFixed(2)}",,\r\n`;
}

/** A large export on disk, so an import is still running when it is cancelled. */
function bigFile(name: string, entries: number): string {
  const path = join(TMP, name);
  const fd = openSync(path, 'w');
  writeSync(fd, csvText([]));
  for (let i = 0; i < entries; i += 10_000) {
    const batch: string[][] = [];
    for (let j = i; j < Math.min(entries, i + 10_000); j++)
      batch.push(...simpleEntry(entry(`SP7${String(1_000_000 + j).padStart(7, '0')}`)));
    writeSync(fd, csvText(batch).slice(csvText([]).length));
  }
  closeSync(fd);
  return path;
}

async function entriesCsv(page: Page): Promise<string> {
  return (await download(page, 'export-entries')).bytes.toString('utf8');
}

async function loadedFiles(page: Page): Promise<string[]> {
  await showScreen(page, 'Import');
  return page.locator('article.file strong').allTextContents();
}

async function removeAll(page: Page): Promise<void> {
  await showScreen(page, 'Import');
  for (const name of await loadedFiles(page)) {
    await page.getByRole('button', { name: `Remove ${name} from the dataset` }).click();
    await page.locator('article.file', { hasText: name }).waitFor({ state: 'detached' });
    await waitReady(page);
  }
}

let session: Session;
beforeAll(() => mkdirSync(TMP, { recursive: true }));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
afterEach(async () => {
  expect(session.errors).toEqual([]);
  await session.close();
});

describe('export spellings in the browser', () => {
  it('every encoding and delimiter gives the same entries CSV; repeats across files count once; a cancel changes nothing', async () => {
    session = await openApp(inject('baseUrl'));
    const { page } = session;
    await waitReady(page);
    const all = rows();
    const plain = csvText(all);

    await addFiles(page, [{ name: 'plain.csv', text: plain }]);
    expect(await loadedFiles(page)).toEqual(['plain.csv']);
    const expected = await entriesCsv(page);
    const lines = expected.split('\r\n');
    expect(lines.length).toBe(ENTRIES + 2);
    expect(expected).not.toContain('\uFFFD');
    for (const importer of IMPORTERS)
      expect(lines.filter((l) => l.includes(`,${importer},`)).length).toBe(ENTRIES / IMPORTERS.length);
    await removeAll(page);

    const spellings: { name: string; text: string | Buffer }[] = [
      { name: 'bom.csv', text: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(plain, 'utf8')]) },
      { name: 'utf16le.csv', text: Buffer.from(utf16(plain, false)) },
      { name: 'utf16be.csv', text: Buffer.from(utf16(plain, true)) },
      { name: 'tabs.txt', text: csvText(all, { delimiter: '\t' }) },
      { name: 'semicolons.csv', text: csvText(all, { delimiter: ';' }) },
      { name: 'pipes.txt', text: csvText(all, { delimiter: '|', eol: '\n' }) },
      { name: 'titled.csv', text: excelText(all) },
    ];
    for (const s of spellings) {
      await addFiles(page, [s]);
      expect(await loadedFiles(page), s.name).toEqual([s.name]);
      expect(await entriesCsv(page), s.name).toBe(expected);
      await removeAll(page);
    }

    // Two exports that overlap by a fifth of the rows.
    await addFiles(page, [
      { name: 'first.csv', text: csvText(all.slice(0, Math.floor(all.length * 0.6))) },
      { name: 'second.csv', text: csvText(all.slice(Math.floor(all.length * 0.4))) },
    ]);
    expect(await entriesCsv(page)).toBe(expected);
    const total = await totalRefund(page);

    await page.getByTestId('file-input').setInputFiles(bigFile('big.csv', 400_000));
    await page.waitForFunction(
      () => Number(document.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow') ?? 0) >= 5,
      null,
      { timeout: 30_000 },
    );
    await page.getByRole('button', { name: 'Cancel import' }).click();
    // Cancel stops within a second (the file would take several more to read).
    const error = page.getByTestId('file-error').filter({ hasText: 'big.csv' });
    await error.waitFor({ timeout: 2_000 });
    expect(await error.textContent()).toContain(
      'Import cancelled by you: nothing of this file was stored; the dataset is as it was.',
    );
    await waitReady(page);
    expect(await totalRefund(page)).toBe(total);
    expect(await entriesCsv(page)).toBe(expected);
    expect(await loadedFiles(page)).toEqual(['first.csv', 'second.csv']);
  });
});
