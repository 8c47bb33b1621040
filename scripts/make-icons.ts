/**
 * Render the app icons (PNG) from public/favicon.svg with the local Chromium: no network, no image
 * library. Run once after changing the favicon: `npx tsx scripts/make-icons.ts`; the PNGs are committed.
 * "any" icons are the favicon edge to edge; maskable ones keep it inside the 80% safe zone.
 */
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { CHROMIUM_ARGS, chromiumPath } from '../tests/e2e/browser';

const svg = readFileSync('public/favicon.svg', 'utf8');
const ICONS = [
  { file: 'public/icons/icon-192.png', size: 192, maskable: false },
  { file: 'public/icons/icon-512.png', size: 512, maskable: false },
  { file: 'public/icons/maskable-512.png', size: 512, maskable: true },
  { file: 'public/icons/apple-touch-icon.png', size: 180, maskable: true },
];

const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
try {
  for (const icon of ICONS) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size }, deviceScaleFactor: 1 });
    // Maskable: the brand colour fills the square, the mark sits in the middle 70%.
    const inner = icon.maskable ? Math.round(icon.size * 0.7) : icon.size;
    const body = icon.maskable ? 'background:#0b3d5c' : 'background:transparent';
    await page.setContent(
      `<html><body style="margin:0;${body};display:flex;align-items:center;justify-content:center;width:${icon.size}px;height:${icon.size}px">` +
        `<img src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}" width="${inner}" height="${inner}"></body></html>`,
    );
    await page.screenshot({ path: icon.file, omitBackground: !icon.maskable });
    await page.close();
    console.log(`wrote ${icon.file}`);
  }
} finally {
  await browser.close();
}
