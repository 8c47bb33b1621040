/**
 * Privacy: with every flow driven (sample data, a file import, a what-if, all three exports, a
 * declaration check, every screen, a reload), the page, its worker and the service worker request
 * nothing but the app's own static files from the test server, and the Content-Security-Policy
 * reports no violation. Then proof that the policy is in force: a connection to another origin and
 * an injected inline script are both refused.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { type Session, openApp } from './browser';
import { addFiles, download, isAppWorkerUrl, setFilingDate, showScreen, totalRefund, waitReady } from './helpers';
import { csvText, simpleEntry } from '../factories/es003';

const DIST = process.env.E2E_DIST ?? 'dist';

/** URL paths of every file in the build (what a static host serves), plus the site root. */
function staticPaths(dir: string): Set<string> {
  const out = new Set<string>(['/']);
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.add('/' + relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

let s: Session;
let base: URL;
beforeAll(async () => {
  base = new URL(inject('baseUrl'));
  s = await openApp(base.href);
});
afterAll(() => s.close());

describe('no network beyond the app’s own files', () => {
  it('drives every flow; every request is one of the build’s files on the app’s origin; no CSP violation', async () => {
    const { page } = s;
    await waitReady(page);
    // Sample data, then a user's file.
    await page.getByRole('button', { name: 'Try with sample data' }).first().click();
    await waitReady(page);
    await setFilingDate(page, '2026-05-04');
    await addFiles(page, [
      { name: 'mine.csv', text: csvText([...simpleEntry('B7603245278'), ...simpleEntry('ABC12345676')]) },
    ]);
    // A what-if.
    const before = await totalRefund(page);
    await setFilingDate(page, '2026-07-01');
    expect(await totalRefund(page)).not.toBe(before);
    // The three exports.
    for (const id of ['export-entries', 'export-problems', 'export-declarations']) {
      expect((await download(page, id)).bytes.length, id).toBeGreaterThan(0);
    }
    // A declaration made elsewhere, checked.
    await showScreen(page, 'Declarations');
    const card = page.locator('.card', {
      has: page.getByRole('heading', { name: 'Check a declaration made elsewhere' }),
    });
    await card.locator('input[type=file]').setInputFiles({
      name: 'theirs.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('Entry Number\r\nB7603245278\r\nABC12345676\r\n'),
    });
    await card.getByText(/Stage 1 \(file validation\)/).waitFor();
    // Every screen, then a reload (served by the service worker once it controls the page).
    for (const screen of [
      'Import',
      'Overview',
      'Entries',
      'Payments',
      'Declarations',
      'Assumptions',
      'Profile',
      'Rulebook',
      'Your data',
    ]) {
      await showScreen(page, screen);
    }
    await page.getByText('Space used').waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    await page.reload();
    await waitReady(page);

    const own = staticPaths(DIST);
    const foreign = s.requests.filter((u) => {
      const url = new URL(u);
      return url.origin !== base.origin || !own.has(url.pathname);
    });
    expect(foreign).toEqual([]);
    // The worker chunk and the service worker's precache went through the recorder too.
    expect(s.requests.some((u) => isAppWorkerUrl(u))).toBe(true);
    expect(s.requests.some((u) => u.endsWith('/sw.js'))).toBe(true);
    expect(s.errors).toEqual([]);
  });

  it('the policy is in force: another origin and an inline script are refused', async () => {
    const { page } = s;
    const outcome = await page.evaluate(async () => {
      const fetched = await fetch('https://example.com/collect?x=1').then(
        () => 'fetched',
        (e: unknown) => `refused: ${String(e)}`,
      );
      const script = document.createElement('script');
      script.textContent = '(window).__inlineRan = true';
      document.head.append(script);
      await new Promise((r) => setTimeout(r, 50));
      return { fetched, inlineRan: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true };
    });
    expect(outcome.fetched).toMatch(/^refused/);
    expect(outcome.inlineRan).toBe(false);
    await expect
      .poll(() => s.errors.filter((e) => e.startsWith('csp:')))
      .toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^csp: connect-src blocked https:\/\/example\.com/),
          expect.stringMatching(/^csp: script-src-elem blocked inline/),
        ]),
      );
    expect(s.requests.filter((u) => u.includes('example.com'))).toEqual([]);
    s.errors.length = 0;
  });
});
