/**
 * Driving the real app in the benchmark, only through what a user or an automated test sees: the
 * SPEC §9 hooks, the Import screen, the downloads, plus read-only looks at the page's IndexedDB and
 * the worker's performance measures. Times are taken inside the page: from the `change` event of
 * the input (capture phase, before the app reacts) to the moment the status hook reads `ready`.
 */
import type { Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import type { AppCounts } from './gates';
import { isAppWorkerUrl } from '../../tests/e2e/helpers';

interface Stopwatch {
  changeAt: number;
  readyAt: number;
  sawBusy: boolean;
}

declare global {
  interface Window {
    __benchStopwatch?: Stopwatch;
    /** performance.now() when the entries table was last told to move. */
    __benchTableAt?: number;
  }
}

export async function waitReady(page: Page, timeout = 60_000): Promise<void> {
  await page
    .getByTestId('status')
    .filter({ hasText: /^ready$/ })
    .waitFor({ timeout });
}

/** Record change → ready in the page (a MutationObserver on the status hook, no polling). */
export async function installStopwatch(page: Page): Promise<void> {
  await page.evaluate(() => {
    const sw: Stopwatch = { changeAt: 0, readyAt: 0, sawBusy: false };
    window.__benchStopwatch = sw;
    const hooks = '[data-testid="file-input"],[data-testid="filing-date"],[data-testid="workspace-select"]';
    document.addEventListener(
      'change',
      (e) => {
        if (!(e.target instanceof Element) || !e.target.matches(hooks)) return;
        sw.changeAt = performance.now();
        sw.readyAt = 0;
        sw.sawBusy = false;
      },
      true,
    );
    const status = document.querySelector('[data-testid="status"]')!;
    new MutationObserver(() => {
      if (status.textContent !== 'ready') sw.sawBusy = true;
      else if (sw.sawBusy && sw.readyAt === 0) sw.readyAt = performance.now();
    }).observe(status, { characterData: true, childList: true, subtree: true });
  });
}

/** Run `action` (which must fire a change on a hook) and return ms until the status reads `ready`. */
export async function timeUntilReady(page: Page, action: () => Promise<void>, timeout: number): Promise<number> {
  await page.evaluate(() => {
    window.__benchStopwatch!.changeAt = 0;
  });
  await action();
  await page.waitForFunction(
    () => {
      const sw = window.__benchStopwatch!;
      return (
        (sw.changeAt > 0 && sw.readyAt > 0) || document.querySelector('[data-testid="status"]')?.textContent === 'error'
      );
    },
    null,
    { timeout, polling: 200 },
  );
  const sw = await page.evaluate(() => ({
    ...window.__benchStopwatch!,
    status: document.querySelector('[data-testid="status"]')?.textContent,
  }));
  if (sw.status === 'error')
    throw new Error(`the app reported an error: ${await page.locator('[role="alert"]').allInnerTexts()}`);
  const errors = await page.getByTestId('file-error').allInnerTexts();
  if (errors.length > 0) throw new Error(`the app rejected the file: ${errors.join(' | ')}`);
  return sw.readyAt - sw.changeAt;
}

function count(text: string, pattern: RegExp): number {
  const m = pattern.exec(text);
  return m ? Number(m[1]!.replace(/,/g, '')) : 0;
}

/** Row, entry, repeat and problem counts as the Import screen states them. */
export async function appCounts(page: Page): Promise<AppCounts> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Import', exact: true }).click();
  const heading = await page.getByRole('heading', { name: /Loaded files/ }).innerText();
  const m = /\(\d+; ([\d,]+) rows, ([\d,]+) entries\)/.exec(heading);
  if (!m) throw new Error(`Import screen heading not understood: "${heading}"`);
  const body = await page.locator('main').innerText();
  return {
    rows: Number(m[1]!.replace(/,/g, '')),
    entries: Number(m[2]!.replace(/,/g, '')),
    duplicateRows: count(body, /([\d,]+) repeated rows counted once/),
    conflictingRows: count(body, /([\d,]+) of them with different amounts/),
    problems: count(body, /([\d,]+) row problems/),
    summaryRows: count(body, /([\d,]+) totals rows skipped/),
  };
}

/** Click a download hook; returns the file's bytes. */
export async function download(page: Page, testId: string): Promise<Buffer> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return readFile(await dl.path());
}

/** Every distinct text stored in the entry attribute pages (read straight from IndexedDB). */
export async function storedTexts(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const req = indexedDB.open('cape-prep');
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
    try {
      const pages = await new Promise<{ dict: string[] }[]>((ok, fail) => {
        const req = db.transaction('attrPages').objectStore('attrPages').getAll();
        req.onsuccess = () => ok(req.result as { dict: string[] }[]);
        req.onerror = () => fail(req.error);
      });
      return [...new Set(pages.flatMap((p) => p.dict))];
    } finally {
      db.close();
    }
  });
}

export async function storageUsage(page: Page): Promise<number> {
  return page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
}

/** The app worker's performance measures (`cape:*`), newest last. */
export async function workerMeasures(page: Page): Promise<{ name: string; duration: number }[]> {
  const worker = page.workers().find((w) => isAppWorkerUrl(w.url()));
  if (!worker) return [];
  return worker.evaluate(() =>
    performance
      .getEntriesByType('measure')
      .filter((m) => m.name.startsWith('cape:'))
      .map((m) => ({ name: m.name, duration: m.duration })),
  );
}

export function lastMeasure(measures: readonly { name: string; duration: number }[], name: string): number | null {
  for (let i = measures.length - 1; i >= 0; i--) if (measures[i]!.name === name) return measures[i]!.duration;
  return null;
}

/** ms until the row in the middle of the entries table shows its entry (its page was fetched and drawn). */
async function untilMiddleRowShown(page: Page): Promise<number> {
  const handle = await page.waitForFunction(
    () => {
      const el = document.querySelector('[aria-label="Entries"] .scroll');
      if (!el) return false;
      const box = el.getBoundingClientRect();
      const row = document.elementFromPoint(box.left + 60, box.top + box.height / 2)?.closest('[role="row"]');
      return row?.querySelector('button.entry') ? performance.now() - window.__benchTableAt! : false;
    },
    null,
    { polling: 'raf', timeout: 30_000 },
  );
  return (await handle.jsonValue()) as number;
}

/** Open the Entries screen: ms from the click to the first rows shown. */
export async function openEntriesMs(page: Page): Promise<number> {
  await page.evaluate(() => {
    window.__benchTableAt = performance.now();
  });
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Entries', exact: true }).click();
  return untilMiddleRowShown(page);
}

/** Jump the entries table to `fraction` of its height (a drag of the scrollbar): ms until the rows there are shown. */
export async function tableJumpMs(page: Page, fraction: number): Promise<number> {
  await page.evaluate((f) => {
    const el = document.querySelector<HTMLElement>('[aria-label="Entries"] .scroll')!;
    window.__benchTableAt = performance.now();
    el.scrollTop = f * (el.scrollHeight - el.clientHeight);
  }, fraction);
  return untilMiddleRowShown(page);
}

/** Duplicate the open workspace on the Workspaces screen: ms from the click until the copy is open and ready. */
export async function duplicateWorkspaceMs(page: Page, name: string, timeout: number): Promise<number> {
  await page
    .getByRole('navigation', { name: 'Screens' })
    .getByRole('button', { name: 'Workspaces', exact: true })
    .click();
  const t0 = Date.now();
  await page.getByRole('button', { name: `Duplicate ${name}`, exact: true }).click();
  await page
    .getByTestId('workspace-select')
    .filter({ has: page.locator('option:checked', { hasText: `${name} (copy)` }) })
    .waitFor({ timeout });
  await waitReady(page, timeout);
  return Date.now() - t0;
}

/** Open another workspace with the top bar's switcher: ms from the change until the status reads `ready`. */
export function switchWorkspaceMs(page: Page, name: string, timeout: number): Promise<number> {
  return timeUntilReady(
    page,
    () =>
      page
        .getByTestId('workspace-select')
        .selectOption({ label: name })
        .then(() => undefined),
    timeout,
  );
}
