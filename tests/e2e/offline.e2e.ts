/**
 * Offline and the offline copy: after one visit the app loads and works with no network; a new
 * version waits for the user ("New version available — reload"); "Delete all local data" leaves
 * nothing in IndexedDB or Cache Storage. Each test serves the build itself so it can stop the server
 * or change the build under a running app.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import { appendFileSync, cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import ExcelJS from 'exceljs';
import { serveStatic } from '../../scripts/serve-static.mjs';
import { type Session, openApp } from './browser';
import { showScreen, stopServer, totalRefund, waitControlled, waitReady } from './helpers';
import { HEADER, row, simpleEntry } from '../factories/es003';

const DIST = process.env.E2E_DIST ?? 'dist';

let s: Session | null = null;
let server: Server | null = null;
afterEach(async () => {
  await s?.close();
  s = null;
  if (server?.listening) await new Promise((ok) => server!.close(ok));
  server = null;
});

async function serve(dir: string): Promise<string> {
  const started = await serveStatic(dir, 0);
  server = started.server;
  return started.url;
}

/** Every file of the build, as URL paths. */
function buildFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else out.push('/' + relative(dir, join(d, e.name)).split(sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

/** A small ES-003 workbook (.xlsx): the Excel reader is loaded on demand, so it must be in the offline copy too. */
async function es003Workbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Main Report').addRows([
    HEADER,
    ...simpleEntry('B7603245278'),
    row({ entry: 'ABC12345676', hts: '99030125', duty: '250.00' }),
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('offline', () => {
  it('after one visit, loads and analyses the sample with the network off and the server gone', async () => {
    s = await openApp(await serve(DIST));
    await waitReady(s.page);
    await waitControlled(s.page);
    // The offline copy holds the whole build (lazily loaded chunks included); the service worker
    // scripts themselves live in the browser's service worker store, not in Cache Storage, and
    // _headers is read by the host, not by the app.
    const cached = await s.page.evaluate(async () => {
      const paths: string[] = [];
      for (const key of await caches.keys())
        for (const r of await (await caches.open(key)).keys()) paths.push(new URL(r.url).pathname);
      return paths;
    });
    const expected = buildFiles(DIST).filter(
      (p) => p !== '/sw.js' && p !== '/_headers' && !/^\/workbox-[\w-]+\.js$/.test(p),
    );
    expect(expected.filter((p) => !cached.includes(p))).toEqual([]);
    // No network at all: the browser is offline and the server is stopped.
    await s.context.setOffline(true);
    await stopServer(server!);
    await s.page.reload();
    await waitReady(s.page);
    await s.page.getByRole('button', { name: 'Try with sample data' }).first().click();
    await waitReady(s.page);
    expect(Number(await totalRefund(s.page))).toBeGreaterThan(0);
    expect(await s.page.getByTestId('status').textContent()).toBe('ready');
    // An Excel workbook too, read by the on-demand chunk from the offline copy.
    await s.page.getByTestId('file-input').setInputFiles({
      name: 'offline.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await es003Workbook(),
    });
    await s.page.evaluate(() => new Promise(requestAnimationFrame));
    await waitReady(s.page);
    expect(await s.page.getByTestId('file-error').count()).toBe(0);
    await showScreen(s.page, 'Import');
    await s.page.locator('article.file strong', { hasText: 'offline.xlsx' }).waitFor();
    expect(s.errors).toEqual([]);
  });

  it('is installable as an app: Chromium finds no installability error; the manifest names the app and its icons load', async () => {
    s = await openApp(await serve(DIST));
    await waitReady(s.page);
    await waitControlled(s.page);
    const cdp = await s.context.newCDPSession(s.page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[];
    };
    expect(installabilityErrors.map((e) => e.errorId)).toEqual([]);
    const manifest = await s.page.evaluate(async () => {
      const href = document.querySelector<HTMLLinkElement>('link[rel="manifest"]')!.href;
      const m = (await (await fetch(href)).json()) as {
        name: string;
        short_name: string;
        start_url: string;
        display: string;
        icons: { src: string; sizes: string; type: string }[];
      };
      const icons = await Promise.all(
        m.icons.map(async (i) => {
          const img = new Image();
          img.src = new URL(i.src, href).href;
          await img.decode();
          return `${i.sizes} ${i.type} ${img.naturalWidth}x${img.naturalHeight}`;
        }),
      );
      return { name: m.name, shortName: m.short_name, display: m.display, icons };
    });
    expect(manifest).toMatchObject({
      name: expect.stringContaining('CAPE Prep'),
      shortName: expect.any(String),
      display: 'standalone',
    });
    expect(manifest.icons).toEqual(expect.arrayContaining(['192x192 image/png 192x192', '512x512 image/png 512x512']));
  });

  it('a new version waits for the user: "New version available — reload"', async () => {
    const dir = mkdtempSync(join(resolve('.tmp'), 'sw-update-'));
    cpSync(DIST, dir, { recursive: true });
    s = await openApp(await serve(dir));
    await waitReady(s.page);
    await waitControlled(s.page);
    await s.page.getByRole('button', { name: 'Try with sample data' }).first().click();
    await waitReady(s.page);
    const total = await totalRefund(s.page);

    // Deploy a "new version": the service worker script changes byte for byte.
    appendFileSync(join(dir, 'sw.js'), '\n// next version\n');
    await s.page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    const banner = s.page.getByTestId('update-available');
    await banner.waitFor({ timeout: 30_000 });
    expect(await banner.textContent()).toContain('New version available — reload');
    // Nothing switched underneath: the same page, figures as they were, the old worker in control.
    expect(await totalRefund(s.page)).toBe(total);
    expect(await s.page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.waiting !== null)).toBe(
      true,
    );

    await Promise.all([s.page.waitForEvent('load'), banner.getByRole('button', { name: 'Reload' }).click()]);
    await waitReady(s.page);
    expect(await s.page.getByTestId('update-available').count()).toBe(0);
    expect(await s.page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.waiting === null)).toBe(
      true,
    );
    expect(await totalRefund(s.page)).toBe(total);
    expect(s.errors).toEqual([]);
  });
});

describe('your data', () => {
  it('shows usage, quota, persistence and the stored files; "Delete all local data" leaves no database and no cache', async () => {
    s = await openApp(await serve(DIST));
    const { page } = s;
    await waitReady(page);
    await waitControlled(page);
    await page.getByRole('button', { name: 'Try with sample data' }).first().click();
    await waitReady(page);
    await showScreen(page, 'Your data');
    const storage = page.locator('.card', { has: page.getByRole('heading', { name: 'Storage' }) });
    await storage.locator('dd').first().filter({ hasText: /\d/ }).waitFor();
    const values = await storage.locator('dd').allTextContents();
    expect(values[0]).toMatch(/^\d[\d.,]* (B|KB|MB|GB)/);
    expect(values[1]).toMatch(/^\d[\d.,]* (B|KB|MB|GB|TB)/);
    expect(values[2]).toMatch(/granted|not granted/);
    await expect(
      page.locator('.card', { has: page.getByRole('heading', { name: 'Datasets stored' }) }).textContent(),
    ).resolves.toMatch(/sample-es003\.csv — .*rows/);

    const stored = () =>
      page.evaluate(async () => ({
        databases: (await indexedDB.databases()).map((d) => d.name),
        caches: await caches.keys(),
        workers: (await navigator.serviceWorker.getRegistrations()).length,
      }));
    const before = await stored();
    expect(before.databases).toContain('cape-prep');
    expect(before.caches.length).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Delete all local data…' }).click();
    await page.getByRole('button', { name: 'Yes, delete everything' }).click();
    await waitReady(page);
    await page.getByText('No files stored.').waitFor();
    expect(await totalRefund(page)).toBe('0.00');
    expect(await stored()).toEqual({ databases: [], caches: [], workers: 0 });
    // The app keeps working; the next visit installs the offline copy again.
    await page.reload();
    await waitReady(page);
    expect(await totalRefund(page)).toBe('0.00');
    expect(s.errors).toEqual([]);
  });
});
