/**
 * Crash safety and several tabs: reloading or closing the tab in the middle of an import leaves the
 * last committed dataset and says so; two tabs never corrupt the data (one writer at a time through
 * the Web Lock) and each sees the other's changes (BroadcastChannel).
 */
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { type Session, openApp } from './browser';
import { download, setFilingDate, showScreen, totalRefund, waitReady } from './helpers';
import { csvText, simpleEntry } from '../factories/es003';
import { checkDigit } from '../../src/core/entry-number';

const entry = (base10: string) => base10 + checkDigit(base10);
const TMP = resolve('.tmp/crash-safety');
const GOOD = csvText([
  ...simpleEntry('B7603245278'),
  ...simpleEntry('ABC12345676', { status: 'Liquidated', liqDate: '04/01/2026' }),
]);

/** A large ES-003 export on disk (rows of many entries), so an import is still running when the tab goes. */
function bigFile(name: string, rows: number): string {
  const path = join(TMP, name);
  const fd = openSync(path, 'w');
  writeSync(fd, csvText([]));
  const batch: string[][] = [];
  for (let i = 0; i < rows; i += 2) {
    const e = entry(`SP7${String(1_000_000 + (i >> 1)).padStart(7, '0')}`);
    batch.push(...simpleEntry(e));
    if (batch.length >= 20_000 || i + 2 >= rows) {
      writeSync(fd, csvText(batch).slice(csvText([]).length));
      batch.length = 0;
    }
  }
  closeSync(fd);
  return path;
}

/** A small export of `n` READY entries whose numbers start at `from`. */
function fileOf(from: number, n: number): string {
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) rows.push(...simpleEntry(entry(`EQ3${String(from + i).padStart(7, '0')}`)));
  return csvText(rows);
}

async function entriesCsv(page: Page): Promise<string> {
  return (await download(page, 'export-entries')).bytes.toString('utf8');
}

async function importStarted(page: Page): Promise<void> {
  // Reading has begun: the worker has created the staging record and is storing rows.
  await page.getByRole('progressbar').first().waitFor({ timeout: 30_000 });
  await page.waitForFunction(
    () => Number(document.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow') ?? 0) >= 5,
    null,
    { timeout: 30_000 },
  );
}

const sessions: Session[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) {
    expect(s.errors).toEqual([]);
    await s.close();
  }
});
beforeAll(() => mkdirSync(TMP, { recursive: true }));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

describe('an import cut short by the tab', () => {
  let big: string;
  beforeAll(() => {
    big = bigFile('big-es003.csv', 1_000_000);
  });

  for (const how of ['reload', 'close'] as const) {
    it(`${how === 'reload' ? 'reloading' : 'closing'} the tab mid-import keeps the last committed dataset, with a notice`, async () => {
      const s = await openApp(inject('baseUrl'));
      sessions.push(s);
      let page = s.page;
      await waitReady(page);
      await setFilingDate(page, '2026-05-04');
      await page
        .getByTestId('file-input')
        .setInputFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(GOOD) });
      await waitReady(page);
      const total = await totalRefund(page);
      const before = await entriesCsv(page);

      await page.getByTestId('file-input').setInputFiles(big);
      await importStarted(page);
      if (how === 'reload') await page.reload();
      else {
        await page.close();
        page = await s.context.newPage();
        page.on('pageerror', (e) => s.errors.push(`pageerror: ${e.message}`));
        await page.goto(inject('baseUrl'));
      }
      await waitReady(page);
      await page
        .getByText(
          'An import of big-es003.csv was interrupted (the tab was closed or reloaded). It was discarded; the dataset is as it was before it.',
        )
        .waitFor({ timeout: 10_000 });
      await setFilingDate(page, '2026-05-04');
      expect(await totalRefund(page)).toBe(total);
      expect(await entriesCsv(page)).toBe(before);
      await showScreen(page, 'Import');
      await expect(page.locator('article.file strong').allTextContents()).resolves.toEqual(['good.csv']);
    });
  }
});

describe('two tabs', () => {
  it('an import in tab A shows up in tab B', async () => {
    const s = await openApp(inject('baseUrl'));
    sessions.push(s);
    const a = s.page;
    const b = await s.context.newPage();
    await b.goto(inject('baseUrl'));
    await Promise.all([waitReady(a), waitReady(b)]);
    expect(await totalRefund(b)).toBe('0.00');
    await a
      .getByTestId('file-input')
      .setInputFiles({ name: 'from-a.csv', mimeType: 'text/csv', buffer: Buffer.from(fileOf(1, 50)) });
    await waitReady(a);
    const total = await totalRefund(a);
    expect(Number(total)).toBeGreaterThan(0);
    await b.getByText('Another tab changed the data; figures reloaded.').waitFor({ timeout: 10_000 });
    await waitReady(b);
    expect(await totalRefund(b)).toBe(total);
    expect(await entriesCsv(b)).toBe(await entriesCsv(a));
  });

  it('two imports at once, one from each tab, both land intact', async () => {
    const s = await openApp(inject('baseUrl'));
    sessions.push(s);
    const a = s.page;
    const b = await s.context.newPage();
    await b.goto(inject('baseUrl'));
    await Promise.all([waitReady(a), waitReady(b)]);
    const fromA = fileOf(1, 20_000);
    const fromB = fileOf(500_000, 20_000);
    await Promise.all([
      a
        .getByTestId('file-input')
        .setInputFiles({ name: 'from-a.csv', mimeType: 'text/csv', buffer: Buffer.from(fromA) }),
      b
        .getByTestId('file-input')
        .setInputFiles({ name: 'from-b.csv', mimeType: 'text/csv', buffer: Buffer.from(fromB) }),
    ]);
    // Both finish, then each has taken in the other's change.
    await Promise.all([waitReady(a), waitReady(b)]);
    const settled = async (p: Page) => {
      await showScreen(p, 'Import');
      await p.waitForFunction(() => document.querySelectorAll('article.file').length === 2, null, { timeout: 30_000 });
      await waitReady(p);
    };
    await Promise.all([settled(a), settled(b)]);
    const csvA = await entriesCsv(a);
    const csvB = await entriesCsv(b);
    expect(csvA).toBe(csvB);
    expect(csvA.trimEnd().split('\r\n')).toHaveLength(1 + 40_000);
    expect(await totalRefund(a)).toBe(await totalRefund(b));
    // And what is stored is the same: a fresh tab reads both files back.
    const c = await s.context.newPage();
    await c.goto(inject('baseUrl'));
    await waitReady(c);
    await settled(c);
    expect(await entriesCsv(c)).toBe(csvA);
    expect((await c.locator('article.file strong').allTextContents()).sort()).toEqual(['from-a.csv', 'from-b.csv']);
  });
});
