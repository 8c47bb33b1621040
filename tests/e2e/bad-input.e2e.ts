/**
 * Bad input, in the browser: a good file first, then each damaged file through the file input. A
 * refused file gets a `file-error` naming it and the reason; a file with bad cells lists row problems
 * and marks its entries BAD_ROW_DATA. Every time the app returns to `ready`, the entries already
 * loaded and `total-refund` stay exactly as they were, and no page error occurs. The inputs are made
 * here (big ones in .tmp/), never committed.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { type Session, openApp } from './browser';
import { download, setFilingDate, showScreen, totalRefund, waitReady } from './helpers';
import { HEADER, csvText, row, simpleEntry } from '../factories/es003';
import { checkDigit } from '../../src/core/entry-number';

const entry = (base10: string) => base10 + checkDigit(base10);
const A = 'B7603245278';
const B = 'ABC12345676';
const D = 'Z9900000003';
/** Entries of the damaged files: none READY, so a file that legitimately adds them leaves the total alone. */
const X = [entry('SP70000002'), entry('SP70000003'), entry('SP70000004'), entry('SP70000005')] as const;
const FINAL = { status: 'Final Liquidation', liqDate: '01/02/2026' };

const GOOD = csvText([
  ...simpleEntry(A),
  ...simpleEntry(B, { status: 'Liquidated', liqDate: '04/01/2026' }),
  row({ entry: D, hts: '8471300100', value: '2000.00', duty: '50.00' }),
]);

const TMP = resolve('.tmp/bad-input');

type Case = {
  label: string;
  name: string;
  content: () => Promise<Buffer | { path: string }>;
} & (
  | { rejected: RegExp }
  | {
      /** New entries (entries CSV: entry, segment, reasons) and row problems (problems CSV lines without the file name). */
      adds: [string, string, string][];
      problems: RegExp[];
    }
);

async function realXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Invoices');
  ws.addRows([
    ['Invoice', 'Customer', 'Amount', 'Date'],
    ['INV-1', 'Acme', 1234.5, new Date(Date.UTC(2025, 5, 2))],
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** An ES-003 workbook whose worksheet data is overwritten in the middle (the sheet is most of the file). */
async function damagedXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const rows: string[][] = [];
  for (let i = 0; i < 3_000; i++)
    rows.push(...simpleEntry(entry(`SP7${String(1_000_000 + i).padStart(7, '0')}`), FINAL));
  wb.addWorksheet('Main Report').addRows([HEADER, ...rows]);
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  bytes.fill(0xff, Math.floor(bytes.length * 0.4), Math.floor(bytes.length * 0.4) + 400);
  return bytes;
}

function utf16leNoBom(text: string): Buffer {
  return Buffer.from(text, 'utf16le');
}

const garbage = csvText([
  row({ entry: X[0], hts: '99030125', duty: 'N/A', ...FINAL }),
  row({ entry: X[0], hts: '8471300100', value: '12,34.5.6', duty: '0', ...FINAL }),
  row({ entry: X[1], hts: '99030125', duty: '100.00', entryDate: '31/31/2025', ...FINAL }),
  row({ entry: X[2], hts: '99030125', duty: '$1,0O0.00', summaryDate: 'yesterday', ...FINAL }),
]);

const truncated = (() => {
  const t = csvText([...simpleEntry(X[0], FINAL), ...simpleEntry(X[1], FINAL)]);
  // Cut in the middle of the last row, after its HTS number: duty, status and dates are missing.
  return t.slice(0, t.lastIndexOf('8471300100') + 10);
})();

const wide = (() => {
  const extra = Array.from({ length: 10_000 - HEADER.length }, (_, i) => (i % 1000 === 0 ? 'Note' : `Extra ${i}`));
  return csvText(
    simpleEntry(X[3], FINAL).map((r) => [...r, ...extra.map((_, i) => `v${i}`)]),
    { header: [...HEADER, ...extra] },
  );
})();

const CASES: Case[] = [
  { label: '0-byte file', name: 'empty.csv', content: async () => Buffer.alloc(0), rejected: /empty \(0 bytes\)/ },
  {
    label: 'a PNG named .csv',
    name: 'screenshot.csv',
    content: async () =>
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]),
    rejected: /PNG image/,
  },
  {
    label: 'a ZIP named .csv',
    name: 'archive.csv',
    content: async () => Buffer.from(zipSync({ 'es003.csv': strToU8(GOOD) })),
    rejected: /ZIP/,
  },
  {
    label: 'a real .xlsx without ES-003 headers, named .csv',
    name: 'invoices.csv',
    content: realXlsx,
    rejected: /ZIP or Excel file|No ES-003 sheet found/,
  },
  {
    label: 'an Excel workbook damaged in its worksheet data',
    name: 'damaged.xlsx',
    content: damagedXlsx,
    rejected: /^The workbook is damaged: /,
  },
  {
    label: 'header only',
    name: 'header-only.csv',
    content: async () => Buffer.from(HEADER.join(',') + '\r\n'),
    rejected: /No entries found: the file has a header but no rows/,
  },
  {
    label: 'required columns missing',
    name: 'no-duty.csv',
    content: async () =>
      Buffer.from(
        csvText([['B7603245278', '06/02/2025', '1000.00']], {
          header: ['Entry Summary Number', 'Entry Date', 'Amount'],
        }),
      ),
    rejected:
      /^Line 1 looks like a header but lacks HTS Number - Full, Line Tariff Duty Amount: an ES-003 export needs /,
  },
  {
    label: 'a file truncated mid-row',
    name: 'truncated.csv',
    content: async () => Buffer.from(truncated),
    adds: [
      [X[0], 'NOT_ELIGIBLE', 'FINAL_LIQUIDATION'],
      [X[1], 'INVALID', 'BAD_ROW_DATA'],
    ],
    problems: [/^5,Line Tariff Duty Amount,,Row has only 9 of 13 columns \(is the file cut short\?\)\.$/],
  },
  {
    label: 'an unterminated quote that swallows the rest of the file',
    name: 'open-quote.csv',
    content: async () =>
      Buffer.from(
        csvText(simpleEntry(X[0])) + `${X[1]},"01,12-3456789-00,Acme\r\n` + csvText(simpleEntry(X[2])).repeat(200),
      ),
    rejected: /^Row 4 opens a quoted cell that is not closed properly/,
  },
  {
    label: 'a 100 MB single line',
    name: 'one-line.csv',
    content: async () => {
      const path = join(TMP, 'one-line.csv');
      writeFileSync(path, Buffer.alloc(100 * 1024 * 1024, 'x,'));
      return { path };
    },
    rejected: /first 16 MB of the file hold no line break/,
  },
  {
    label: 'UTF-16 without a BOM',
    name: 'utf16.csv',
    content: async () => utf16leNoBom(GOOD),
    rejected: /UTF-16 \(little-endian\) text without a byte-order mark/,
  },
  {
    label: 'garbage in money and date cells',
    name: 'garbage.csv',
    content: async () => Buffer.from(garbage),
    adds: [
      [X[0], 'INVALID', 'BAD_ROW_DATA'],
      [X[1], 'INVALID', 'BAD_ROW_DATA'],
      [X[2], 'INVALID', 'BAD_ROW_DATA'],
    ],
    problems: [
      /^2,Line Tariff Duty Amount,N\/A,"Unparseable amount/,
      /^3,Line Tariff Goods Value Amount,"12,34\.5\.6","Unparseable amount/,
      /^4,Entry Date,31\/31\/2025,Unparseable date/,
      /^5,Entry Summary Date,yesterday,Unparseable date/,
      /^5,Line Tariff Duty Amount,"\$1,0O0\.00","Unparseable amount/,
    ],
  },
  {
    label: 'a 10,000-column row',
    name: 'wide.csv',
    content: async () => Buffer.from(wide),
    adds: [[X[3], 'NOT_ELIGIBLE', 'FINAL_LIQUIDATION']],
    problems: [],
  },
  { label: 'the same file twice', name: 'good.csv', content: async () => Buffer.from(GOOD), adds: [], problems: [] },
];

let s: Session;
let baseline: { total: string; lines: Map<string, string> };

function entryLines(csv: string): Map<string, string> {
  return new Map(
    csv
      .trimEnd()
      .split('\r\n')
      .slice(1)
      .map((l) => [l.split(',')[0]!, l]),
  );
}

beforeAll(async () => {
  mkdirSync(TMP, { recursive: true });
  s = await openApp(inject('baseUrl'));
  await waitReady(s.page);
  await setFilingDate(s.page, '2026-05-04');
  await s.page
    .getByTestId('file-input')
    .setInputFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(GOOD) });
  await waitReady(s.page);
  baseline = {
    total: (await totalRefund(s.page))!,
    lines: entryLines((await download(s.page, 'export-entries')).bytes.toString('utf8')),
  };
  expect([...baseline.lines.keys()].sort()).toEqual([A, B, D].sort());
  expect(Number(baseline.total)).toBeGreaterThan(2000);
});
afterAll(async () => {
  await s?.close();
  rmSync(TMP, { recursive: true, force: true });
});

describe('bad input never costs the loaded data', () => {
  const added = new Map<string, string>();
  it.each(CASES.map((c) => [c.label, c] as const))('%s', async (_label, c) => {
    const { page } = s;
    const content = await c.content();
    const started = Date.now();
    await page
      .getByTestId('file-input')
      .setInputFiles(Buffer.isBuffer(content) ? { name: c.name, mimeType: 'text/csv', buffer: content } : content.path);
    // The change handler sets the status synchronously; one frame later the hook shows it.
    await page.evaluate(() => new Promise(requestAnimationFrame));
    await waitReady(page);
    const seconds = (Date.now() - started) / 1000;

    const errorEl = page.getByTestId('file-error').filter({ hasText: c.name });
    if ('rejected' in c) {
      await expect(errorEl.count()).resolves.toBe(1);
      const text = (await errorEl.textContent())!;
      expect(text).toContain(`${c.name} was not imported:`);
      expect(text.slice(text.indexOf('was not imported:') + 18)).toMatch(c.rejected);
    } else {
      await expect(errorEl.count()).resolves.toBe(0);
    }

    // The dataset: what was there is unchanged; only what the case legitimately adds is new.
    expect(await totalRefund(page)).toBe(baseline.total);
    const lines = entryLines((await download(page, 'export-entries')).bytes.toString('utf8'));
    for (const [e, line] of baseline.lines) expect(lines.get(e), e).toBe(line);
    if ('adds' in c) {
      for (const [e, segment, reasons] of c.adds) {
        const cells = lines.get(e)?.split(',');
        expect([cells?.[4], cells?.[5]], e).toEqual([segment, reasons]);
        added.set(e, lines.get(e)!);
      }
      const problems = (await download(page, 'export-problems')).bytes
        .toString('utf8')
        .trimEnd()
        .split('\r\n')
        .filter((l) => l.startsWith(`${c.name},`));
      expect(problems.length).toBe(c.problems.length);
      c.problems.forEach((p, i) => expect(problems[i]!.slice(c.name.length + 1)).toMatch(p));
    }
    expect(lines.size).toBe(baseline.lines.size + new Set(added.keys()).size);

    // Still responsive: another screen renders at once; an imported file's mapping report opens.
    await showScreen(page, 'Your data');
    await page.getByRole('heading', { name: 'Your data' }).waitFor({ timeout: 2_000 });
    await showScreen(page, 'Import');
    if ('adds' in c) {
      const card = page
        .locator('article.file', { has: page.locator('strong', { hasText: new RegExp(`^${c.name}$`) }) })
        .last();
      await card.getByRole('button', { name: 'Show mapping report' }).click();
      await card.getByRole('heading', { name: 'Recognised columns' }).waitFor({ timeout: 2_000 });
      await card.getByRole('button', { name: 'Hide mapping report' }).click();
    }
    expect(s.errors).toEqual([]);
    console.log(`${c.label}: ${seconds.toFixed(1)} s`);
  });

  it('two damaged files with the same name in one drop: one message each', async () => {
    const { page } = s;
    await page.getByTestId('file-input').setInputFiles([
      { name: 'twin.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) },
      { name: 'twin.csv', mimeType: 'text/csv', buffer: Buffer.from(HEADER.join(',') + '\r\n') },
    ]);
    await page.evaluate(() => new Promise(requestAnimationFrame));
    await waitReady(page);
    const errors = await page.getByTestId('file-error').filter({ hasText: 'twin.csv' }).allTextContents();
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/empty \(0 bytes\)/);
    expect(errors[1]).toMatch(/No entries found/);
    expect(await totalRefund(page)).toBe(baseline.total);
    expect(s.errors).toEqual([]);
  });
});
