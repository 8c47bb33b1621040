/**
 * Hosting under a sub-path (a GitHub Pages project site, a folder of an intranet server): the build
 * served only under /some/sub/path/ works as at the root, offline too, and requests nothing outside
 * its folder. Two copies under different paths of one origin keep their own data and offline copies.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveStatic } from '../../scripts/serve-static.mjs';
import { type Session, openApp } from './browser';
import {
  addFiles,
  download,
  isAppWorkerUrl,
  setFilingDate,
  showScreen,
  stopServer,
  totalRefund,
  waitControlled,
  waitReady,
} from './helpers';
import { csvText, simpleEntry } from '../factories/es003';
import { sampleCsv } from '../../src/core/sample-es003';
import { parseIsoDay } from '../../src/core/dates';
import type { Page } from 'playwright-core';

const DIST = process.env.E2E_DIST ?? 'dist';
const SUB = '/some/sub/path/';
const FILING_DATE = '2026-05-04';
/** A user's ACE export covering every segment. */
const EXPORT = sampleCsv({ entries: 400, seed: 16, filingDate: parseIsoDay(FILING_DATE)!, formattedMoney: true });

let sessions: Session[] = [];
let servers: Server[] = [];
afterEach(async () => {
  for (const s of sessions) await s.close();
  for (const server of servers) if (server.listening) await stopServer(server);
  sessions = [];
  servers = [];
});

async function serve(dir: string, base = '/'): Promise<{ server: Server; url: string }> {
  const started = await serveStatic(dir, 0, { base });
  servers.push(started.server);
  return started;
}

async function open(url: string): Promise<Session> {
  const s = await openApp(url);
  sessions.push(s);
  await waitReady(s.page);
  return s;
}

/** One site with the build at its root and a second copy in /some/sub/path/. */
async function serveTwoCopies(): Promise<{ server: Server; url: string; subUrl: string }> {
  const site = mkdtempSync(join(tmpdir(), 'cape-two-copies-'));
  cpSync(DIST, site, { recursive: true });
  mkdirSync(join(site, SUB), { recursive: true });
  cpSync(DIST, join(site, SUB), { recursive: true });
  const { server, url } = await serve(site);
  return { server, url, subUrl: new URL(SUB, url).href };
}

/** Import the export at a fixed filing date; the entries CSV as downloaded. */
async function importAndExport(page: Page): Promise<Buffer> {
  await setFilingDate(page, FILING_DATE);
  await addFiles(page, [{ name: 'ace-es003.csv', text: EXPORT }]);
  return (await download(page, 'export-entries')).bytes;
}

/** What the origin stores, as seen from `page`. */
function stored(page: Page): Promise<{ databases: string[]; caches: string[]; scopes: string[] }> {
  return page.evaluate(async () => ({
    databases: (await indexedDB.databases()).map((d) => d.name!).sort(),
    caches: (await caches.keys()).sort(),
    scopes: (await navigator.serviceWorker.getRegistrations()).map((r) => r.scope).sort(),
  }));
}

describe('under a sub-path', () => {
  it('served only under /some/sub/path/: imports a file, exports the entries CSV byte for byte as at the root, works offline after one visit; no request leaves the path', async () => {
    const root = await serve(DIST);
    const atRoot = await importAndExport((await open(root.url)).page);
    expect(atRoot.length).toBeGreaterThan(1000);

    const sub = await serve(DIST, SUB);
    expect(sub.url).toMatch(/\/some\/sub\/path\/$/);
    const origin = new URL(sub.url).origin;
    for (const outside of ['/', '/index.html', '/sw.js', '/manifest.webmanifest', '/some/sub/', '/some/sub/path']) {
      expect((await fetch(origin + outside)).status, outside).toBe(404);
    }
    const s = await open(sub.url);
    expect((await importAndExport(s.page)).equals(atRoot)).toBe(true);

    // The offline copy and the database belong to this folder.
    await waitControlled(s.page);
    const here = await stored(s.page);
    expect(here.scopes).toEqual([sub.url]);
    expect(here.databases).toEqual(['cape-prep /some/sub/path/']);
    expect(here.caches.every((c) => c.endsWith(sub.url))).toBe(true);

    // No network at all: the browser is offline and the server is stopped.
    await s.context.setOffline(true);
    await stopServer(sub.server);
    await s.page.reload();
    await waitReady(s.page);
    // The filing date is not stored (it starts at today): set it again.
    await setFilingDate(s.page, FILING_DATE);
    expect((await download(s.page, 'export-entries')).bytes.equals(atRoot)).toBe(true);
    await addFiles(s.page, [{ name: 'offline.csv', text: csvText(simpleEntry('B7603245278')) }]);
    expect(await s.page.getByTestId('file-error').count()).toBe(0);
    await showScreen(s.page, 'Import');
    await s.page.locator('article.file strong', { hasText: 'offline.csv' }).waitFor();

    expect(s.requests.filter((u) => !u.startsWith(sub.url))).toEqual([]);
    expect(s.requests.some((u) => isAppWorkerUrl(u))).toBe(true);
    expect(s.errors).toEqual([]);
  });

  it('two copies under different paths of one origin keep their own data and offline copies; deleting one leaves the other', async () => {
    const { server, url, subUrl } = await serveTwoCopies();

    // The sub-path copy first, with data; then the root copy, whose service worker covers the whole origin.
    const s = await open(subUrl);
    await s.page.getByRole('button', { name: 'Try with sample data' }).first().click();
    await waitReady(s.page);
    const subTotal = await totalRefund(s.page);
    expect(Number(subTotal)).toBeGreaterThan(0);
    await waitControlled(s.page);
    await s.page.goto(url);
    await waitReady(s.page);
    await waitControlled(s.page);
    expect(await totalRefund(s.page)).toBe('0.00');
    const both = await stored(s.page);
    // The sub-path copy's first workspace, its sample's workspace and its list of workspaces; the root copy's one.
    expect(both.databases).toEqual([
      'cape-prep',
      'cape-prep /some/sub/path/',
      'cape-prep /some/sub/path/ #2',
      'cape-prep /some/sub/path/ workspaces',
    ]);
    expect(both.scopes).toEqual([url, subUrl]);
    // The root copy's installation left the other copy's offline copy in place.
    expect(both.caches).toHaveLength(2);
    expect(both.caches.filter((c) => c.endsWith(subUrl))).toHaveLength(1);

    // Offline, each copy opens from its own offline copy with its own data.
    await s.context.setOffline(true);
    await stopServer(server);
    await s.page.goto(subUrl);
    await waitReady(s.page);
    expect(await totalRefund(s.page)).toBe(subTotal);
    await s.page.goto(url);
    await waitReady(s.page);
    expect(await totalRefund(s.page)).toBe('0.00');

    // "Delete all local data" in the sub-path copy removes its data and offline copy only.
    await s.page.goto(subUrl);
    await waitReady(s.page);
    await showScreen(s.page, 'Your data');
    await s.page.getByRole('button', { name: 'Delete all local data…' }).click();
    await s.page.getByRole('button', { name: 'Yes, delete everything' }).click();
    await waitReady(s.page);
    expect(await totalRefund(s.page)).toBe('0.00');
    const left = await stored(s.page);
    expect(left.databases).toEqual(['cape-prep']);
    expect(left.scopes).toEqual([url]);
    expect(left.caches).toEqual([both.caches.find((c) => !c.endsWith(subUrl))]);
    expect(s.errors).toEqual([]);
  });

  it('the root copy’s service worker does not answer for another path of its origin', async () => {
    const { server, url, subUrl } = await serveTwoCopies();
    const s = await open(url);
    await waitControlled(s.page);
    await s.context.setOffline(true);
    await stopServer(server);
    // Never visited, so not available offline: the root copy must not stand in for it with its own index.html.
    await expect(s.page.goto(subUrl)).rejects.toThrow(/ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_REFUSED|ERR_FAILED/);
  });
});
