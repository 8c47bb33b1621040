/**
 * `npm run screenshots`: every screen of the production build with the sample data, at 1366×768 and at
 * 390×844 (a phone), and the one-page report printed to PDF (rendered to PNG with pdftoppm when it is
 * installed, else a print-emulated screenshot), written to .tmp/shots/ for a human to look at (not a test).
 */
import { type Page, chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { serveStatic } from './serve-static.mjs';
import { CHROMIUM_ARGS, chromiumPath } from '../tests/e2e/browser';
import { SCREEN_LABELS } from '../src/ui/screens';

const out = process.argv[2] ?? '.tmp/shots';
mkdirSync(out, { recursive: true });
const { server, url } = await serveStatic(process.env.SHOTS_DIST ?? 'dist', 0);
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
page.on('pageerror', (e) => console.error('pageerror', e.message));
page.on('console', (m) => m.type() === 'error' && console.error('console', m.text()));
const fileName = (i: number, name: string) =>
  `${String(i).padStart(2, '0')}-${name.toLowerCase().replace(/\s+/g, '-')}`;
const show = async (p: Page, name: string) => {
  await p.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name, exact: true }).click();
  await p.waitForTimeout(400);
};

await page.goto(url);
await page.getByTestId('status').filter({ hasText: 'ready' }).waitFor();
await page.screenshot({ path: `${out}/00-empty.png` });
await page.getByRole('button', { name: 'Try with sample data' }).first().click();
await page.getByTestId('status').filter({ hasText: 'ready' }).waitFor({ timeout: 60_000 });
await page.waitForTimeout(300);
for (const [size, viewport] of [
  ['', { width: 1366, height: 768 }],
  ['phone-', { width: 390, height: 844 }],
] as const) {
  await page.setViewportSize(viewport);
  for (const [i, name] of SCREEN_LABELS.entries()) {
    await show(page, name);
    await page.screenshot({ path: `${out}/${size}${fileName(i + 1, name)}.png` });
  }
  await show(page, 'Entries');
  await page.locator('button.entry').first().click();
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${out}/${size}${SCREEN_LABELS.length + 1}-entry-detail.png` });
  await page.keyboard.press('Escape');
}
await page.setViewportSize({ width: 1366, height: 768 });
// A filed entry's timeline: the first payment to look at on the Filed screen.
await show(page, 'Filed');
await page.locator('.filed button.linkish.mono').first().click();
await page.waitForTimeout(400);
await page.screenshot({ path: `${out}/${SCREEN_LABELS.length + 2}-filed-entry-detail.png` });
await page.keyboard.press('Escape');

// The report on paper: Chromium's PDF of the Report screen, then its pages as PNGs.
await show(page, 'Report');
await page.getByTestId('report').waitFor();
await page.pdf({ path: `${out}/report.pdf`, format: 'Letter', printBackground: true });
try {
  execFileSync('pdftoppm', ['-png', '-r', '70', `${out}/report.pdf`, `${out}/report-page`]);
} catch {
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 816, height: 1056 });
  await page.screenshot({ path: `${out}/report-print.png`, fullPage: true });
}
await browser.close();
server.close();
console.log(`screenshots in ${out}`);
