/**
 * `npm run screenshots`: every screen of the production build with the sample data, at 1366×768,
 * written to .tmp/shots/*.png for a human to look at (not a test).
 */
import { chromium } from 'playwright-core';
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
await page.goto(url);
await page.getByTestId('status').filter({ hasText: 'ready' }).waitFor();
await page.screenshot({ path: `${out}/00-empty.png` });
await page.getByRole('button', { name: 'Try with sample data' }).first().click();
await page.getByTestId('status').filter({ hasText: 'ready' }).waitFor({ timeout: 60_000 });
await page.waitForTimeout(300);
for (const [i, name] of SCREEN_LABELS.entries()) {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name, exact: true }).click();
  await page.waitForTimeout(400);
  await page.screenshot({
    path: `${out}/${String(i + 1).padStart(2, '0')}-${name.toLowerCase().replace(/\s+/g, '-')}.png`,
  });
}
await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Entries', exact: true }).click();
await page.waitForTimeout(300);
await page.locator('button.entry').first().click();
await page.waitForTimeout(400);
await page.screenshot({ path: `${out}/${SCREEN_LABELS.length + 1}-entry-detail.png` });
await page.keyboard.press('Escape');
// A filed entry's timeline: the first payment to look at on the Filed screen.
await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Filed', exact: true }).click();
await page.locator('.filed button.linkish.mono').first().click();
await page.waitForTimeout(400);
await page.screenshot({ path: `${out}/${SCREEN_LABELS.length + 2}-filed-entry-detail.png` });
await browser.close();
server.close();
console.log(`screenshots in ${out}`);
