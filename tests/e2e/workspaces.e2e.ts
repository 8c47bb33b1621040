/**
 * Workspaces on the production build: the sample apart from real files, one workspace per client with
 * its own profile and filing date, deleting one, a backup round trip, a 40-IOR client list, and an
 * upgrade from the app as it was before workspaces (tests/fixtures/app-before-workspaces.zip: the
 * build of commit a1fac63, the last before them) with its stored data.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Server } from 'node:http';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { serveStatic } from '../../scripts/serve-static.mjs';
import { type Session, openApp } from './browser';
import {
  addFiles,
  allDownloads,
  download,
  openWorkspace,
  openWorkspaceName,
  setFilingDate,
  showScreen,
  waitControlled,
  waitReady,
} from './helpers';
import { csvText, row, simpleEntry } from '../factories/es003';
import { november2026Rates } from '../factories/interest-oracle';
import { interest, plus } from './oracle';
import { checkDigit } from '../../src/core/entry-number';

const DIST = process.env.E2E_DIST ?? 'dist';
const SAMPLE = 'Sample data — fictitious importers';
const F = '2026-05-04';

let s: Session | null = null;
let server: Server | null = null;
afterEach(async () => {
  expect(s?.errors ?? []).toEqual([]);
  await s?.close();
  s = null;
  if (server?.listening) await new Promise((ok) => server!.close(ok));
  server = null;
});

const IOR1 = '12-3456789-00';
const IOR2 = '98-7654321-00';
/** Entry numbers of filer B76 with their check digit. */
const entry = (n: number) => {
  const base = `B76${String(n).padStart(7, '0')}`;
  return base + checkDigit(base);
};

/** A real file of three entries of two IORs: unliquidated, liquidated 33 days before F, and one of IOR2. */
const REAL = csvText([
  ...simpleEntry(entry(1)),
  ...simpleEntry(entry(2), { status: 'Liquidated', liqDate: '04/01/2026' }),
  ...simpleEntry(entry(3), { importer: IOR2, name: 'Müller Küchentechnik GmbH' }),
  row({ entry: entry(4), hts: '99030125', duty: 'N/A' }),
]);

async function fresh(): Promise<Session> {
  s = await openApp(inject('baseUrl'));
  await waitReady(s.page);
  await setFilingDate(s.page, F);
  return s;
}

const csvEntries = (csv: Buffer) =>
  csv
    .toString('utf8')
    .trimEnd()
    .split('\r\n')
    .slice(1)
    .map((l) => l.split(',')[0]);

describe('workspaces', () => {
  it('sample then a real file: the entries CSV holds only the real file’s entries, and the sample workspace still holds only the sample', async () => {
    const { page } = await fresh();
    await page.getByRole('button', { name: 'Try with sample data' }).first().click();
    await waitReady(page);
    expect(await openWorkspaceName(page)).toBe(SAMPLE);
    await expect(page.getByTestId('sample-banner').textContent()).resolves.toContain(SAMPLE);
    const sample = await download(page, 'export-entries');
    expect(csvEntries(sample.bytes)).toHaveLength(2500);

    await addFiles(page, [{ name: 'acme-es003.csv', text: REAL }]);
    expect(await openWorkspaceName(page)).toBe('My data');
    await page
      .getByText(
        /The sample stays apart: files dropped while it is open go to a workspace of your own\. This is “My data”\./,
      )
      .waitFor();
    expect(await page.getByTestId('sample-banner').count()).toBe(0);
    const real = await download(page, 'export-entries');
    expect(csvEntries(real.bytes)).toEqual([entry(1), entry(2), entry(3), entry(4)].sort());

    // Back in the sample: the sample only, byte for byte; a second "Try with sample data" does not load it again.
    await openWorkspace(page, SAMPLE);
    expect((await download(page, 'export-entries')).bytes.equals(sample.bytes)).toBe(true);
    await showScreen(page, 'Import');
    await page.getByRole('button', { name: 'Try with sample data' }).first().click();
    await waitReady(page);
    await expect(page.getByRole('heading', { name: /Loaded files \(3;/ }).count()).resolves.toBe(1);
    expect((await download(page, 'export-entries')).bytes.equals(sample.bytes)).toBe(true);
    // Left with one click.
    await page.getByRole('button', { name: 'Leave the sample' }).click();
    await waitReady(page);
    expect(await openWorkspaceName(page)).toBe('My data');
    expect((await download(page, 'export-entries')).bytes.equals(real.bytes)).toBe(true);
  });

  it('two workspaces with different profiles and filing dates give each their own exports; deleting one leaves the other byte for byte', async () => {
    const { page } = await fresh();
    await addFiles(page, [{ name: 'client-a.csv', text: REAL }]);
    // Client A: only IOR1 may be filed; IOR2's entry is NOT_AUTHORIZED.
    await showScreen(page, 'Profile');
    await page.getByRole('button', { name: 'Add an IOR' }).click();
    await page.getByRole('textbox', { name: 'IOR number' }).fill(IOR1);
    await page.getByRole('button', { name: 'Save profile' }).click();
    await waitReady(page);
    const a = await allDownloads(page);
    expect(a[0]!.toString()).toContain(`${entry(3)},${IOR2},01,2025-06-02,NOT_ELIGIBLE,NOT_AUTHORIZED,`);

    await showScreen(page, 'Workspaces');
    await page.getByRole('textbox', { name: 'Name of the new workspace' }).fill('Client B');
    await page.getByRole('button', { name: 'Create and open' }).click();
    await waitReady(page);
    expect(await openWorkspaceName(page)).toBe('Client B');
    // A new workspace starts at the date shown; this one files later, non-corporate.
    expect(await page.getByTestId('filing-date').inputValue()).toBe(F);
    await addFiles(page, [{ name: 'client-b.csv', text: REAL }]);
    await setFilingDate(page, '2026-07-01');
    await showScreen(page, 'Assumptions');
    await page.getByRole('radio', { name: 'Non-corporate' }).check();
    await waitReady(page);
    const b = await allDownloads(page);
    const b1 = interest('1000.00', '2025-06-12', '2026-08-17', november2026Rates('non_corporate'));
    expect(b[0]!.toString()).toContain(
      `${entry(1)},${IOR1},01,2025-06-02,READY,,1000.00,0.00,${b1},${plus('1000.00', b1)},2026-08-17,2026-08-17|${IOR1},,,,NOT_FILED,,\r\n`,
    );
    expect(b[0]!.equals(a[0]!)).toBe(false);

    await openWorkspace(page, 'My data');
    expect(await page.getByTestId('filing-date').inputValue()).toBe(F);
    expect(await allDownloads(page)).toEqual(a);
    await openWorkspace(page, 'Client B');
    expect(await page.getByTestId('filing-date').inputValue()).toBe('2026-07-01');
    expect(await allDownloads(page)).toEqual(b);

    // Delete "My data" (confirmed): Client B stays as it was, byte for byte, before and after a reload.
    await showScreen(page, 'Workspaces');
    await page.getByRole('button', { name: 'Delete My data…', exact: true }).click();
    await page.getByRole('button', { name: 'Yes, delete My data' }).click();
    await waitReady(page);
    expect(await page.getByTestId('workspace-select').locator('option').allTextContents()).toEqual(['Client B']);
    expect(await allDownloads(page)).toEqual(b);
    expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name).sort())).toEqual([
      'cape-prep #2',
      'cape-prep workspaces',
    ]);
    await page.reload();
    await waitReady(page);
    expect(await openWorkspaceName(page)).toBe('Client B');
    await setFilingDate(page, '2026-07-01');
    expect(await allDownloads(page)).toEqual(b);
  });

  it('a workspace backup restores as a new workspace with byte-identical exports; a bad file changes nothing and says why', async () => {
    const { page } = await fresh();
    await addFiles(page, [{ name: 'acme-es003.csv', text: REAL }]);
    await showScreen(page, 'Profile');
    await page.getByRole('button', { name: 'Add the IORs in the loaded data' }).click();
    await page.getByRole('combobox', { name: 'Taxpayer type' }).first().selectOption('non_corporate');
    await page.getByRole('textbox', { name: 'Form 4811 designee' }).first().fill('Atlas Customs Brokerage LLC');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await waitReady(page);
    await showScreen(page, 'Declarations');
    await page.getByRole('checkbox', { name: /^Select CAPE_98765432100_/ }).check();
    await page.getByRole('button', { name: 'Mark 1 as submitted to CBP' }).click();
    await waitReady(page);
    const before = await allDownloads(page);

    await showScreen(page, 'Workspaces');
    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export a backup of My data' }).click(),
    ]);
    expect(dl.suggestedFilename()).toBe(
      `My data — CAPE Prep backup ${await page.evaluate(() => new Date().toLocaleDateString('en-CA'))}.zip`,
    );
    const backup = readFileSync(await dl.path());
    const restoreInput = page.locator('input[type=file][accept^=".zip"]');
    await restoreInput.setInputFiles({ name: dl.suggestedFilename(), mimeType: 'application/zip', buffer: backup });
    await waitReady(page);
    expect(await openWorkspaceName(page)).toBe('My data (2)');
    expect(await allDownloads(page)).toEqual(before);

    // A file that is not a backup: refused with the reason; the list and the open workspace as they were.
    const names = await page.getByTestId('workspace-select').locator('option').allTextContents();
    await showScreen(page, 'Workspaces');
    await restoreInput.setInputFiles({ name: 'acme-es003.csv', mimeType: 'text/csv', buffer: Buffer.from(REAL) });
    await page
      .getByRole('alert')
      .filter({ hasText: /not a workspace backup CAPE Prep can restore: it is not a ZIP archive/ })
      .waitFor();
    expect(await page.getByTestId('workspace-select').locator('option').allTextContents()).toEqual(names);
    expect(await openWorkspaceName(page)).toBe('My data (2)');
    expect(await allDownloads(page)).toEqual(before);
  });

  it('a client-list CSV of 40 IORs sets authorization and per-IOR settings in one step; names show beside the IORs', async () => {
    const { page } = await fresh();
    // 45 IORs with one entry each; the client list names 40 of them.
    const ior = (k: number) => `${String(10 + k).padStart(2, '0')}-${String(1000000 + k * 7).padStart(7, '0')}-00`;
    const rows = Array.from({ length: 45 }, (_, k) =>
      simpleEntry(entry(100 + k), { importer: ior(k), name: `IMPORTER ${k}` }),
    ).flat();
    await addFiles(page, [{ name: 'broker-es003.csv', text: csvText(rows) }]);
    const clients = Array.from({ length: 40 }, (_, k) => [
      ior(k),
      `Client ${k}, Inc.`,
      k % 2 === 0 ? 'non-corporate' : 'corporate',
      k % 5 === 0 ? `Designee ${k}` : '',
      'yes',
    ]);
    const csv = [
      'IOR,Name,Taxpayer type,Form 4811 designee,ACH enrolled',
      ...clients.map((c) => c.map((x) => (x.includes(',') ? `"${x}"` : x)).join(',')),
    ].join('\r\n');
    await showScreen(page, 'Profile');
    await page
      .getByLabel('Import client list (CSV)…')
      .setInputFiles({ name: 'clients.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await waitReady(page);
    await expect(page.getByRole('textbox', { name: 'IOR number' }).count()).resolves.toBe(40);
    await expect(page.getByTestId('authorization-rule').textContent()).resolves.toContain('(40 ticked)');

    const entries = (await download(page, 'export-entries')).bytes.toString('utf8');
    const lineOf = (k: number) => entries.split('\r\n').find((l) => l.startsWith(entry(100 + k)))!;
    for (let k = 0; k < 45; k++) {
      if (k >= 40) {
        expect(lineOf(k)).toBe(
          `${entry(100 + k)},${ior(k)},01,2025-06-02,NOT_ELIGIBLE,NOT_AUTHORIZED,1000.00,0.00,0.00,1000.00,,,,,,NOT_FILED,,`,
        );
        continue;
      }
      const i = interest(
        '1000.00',
        '2025-06-12',
        '2026-06-18',
        november2026Rates(k % 2 === 0 ? 'non_corporate' : 'corporate'),
      );
      expect(lineOf(k)).toBe(
        `${entry(100 + k)},${ior(k)},01,2025-06-02,READY,,1000.00,0.00,${i},${plus('1000.00', i)},2026-06-18,2026-06-18|${ior(k)},,,,NOT_FILED,,`,
      );
    }
    // Names from the list beside the IORs; designees receive the payments; the IOR filter shows one client.
    await showScreen(page, 'Payments');
    await page.locator('td', { hasText: 'Designee 5 (Form 4811 designee)' }).waitFor();
    await page.getByLabel('IOR').selectOption({ label: `${ior(5)} — Client 5, Inc.` });
    await expect(page.locator('tbody tr').count()).resolves.toBe(1);
    await expect(page.locator('tbody tr').textContent()).resolves.toContain('Client 5, Inc.');
    await showScreen(page, 'Declarations');
    const file = page.locator('tr', { hasText: `CAPE_${ior(7).replace(/-/g, '')}_20260504_1of1.csv` });
    await expect(file.textContent()).resolves.toMatch(/Client 7, Inc\.\s*1\s*\$1,0\d\d\.\d\d/);

    // Downloaded again, the list is the one imported (May file column added).
    await showScreen(page, 'Profile');
    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download client list (CSV)' }).click(),
    ]);
    const back = readFileSync(await dl.path(), 'utf8').split('\r\n');
    expect(back[0]).toBe('IOR,Name,Taxpayer type,Form 4811 designee,ACH enrolled,May file');
    expect(back[1]).toBe(`${ior(0)},"Client 0, Inc.",non-corporate,Designee 0,yes,yes`);
    expect(back).toHaveLength(42);
  });

  it('upgrading from the app before workspaces keeps the stored data: files, profile and ledger give the exports of the same data made afresh', async () => {
    const dir = mkdtempSync(join(resolve('.tmp'), 'upgrade-'));
    for (const [name, bytes] of Object.entries(unzipSync(readFileSync('tests/fixtures/app-before-workspaces.zip')))) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), bytes);
    }
    const started = await serveStatic(dir, 0);
    server = started.server;
    s = await openApp(started.url);
    const { page } = s;
    await waitReady(page);
    await waitControlled(page);
    await setFilingDate(page, F);
    await addFiles(page, [{ name: 'acme-es003.csv', text: REAL }]);
    // The earlier app's screens show at once (showScreen waits for this version's lazily loaded views).
    const showEarlierScreen = (name: string) =>
      page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name, exact: true }).click();
    // The earlier profile screen: own IOR numbers apart from per-IOR settings.
    await showEarlierScreen('Profile');
    await page.getByRole('textbox', { name: /Your IOR numbers/ }).fill(IOR1);
    await page.getByRole('button', { name: 'Add the IORs in the loaded data' }).click();
    await page.getByRole('combobox', { name: 'Taxpayer type' }).first().selectOption('non_corporate');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await waitReady(page);
    await showEarlierScreen('Declarations');
    await page.getByRole('checkbox', { name: /^Select CAPE_12345678900_/ }).check();
    await page.getByRole('button', { name: 'Mark 1 as submitted to CBP' }).click();
    await waitReady(page);
    const before = await allDownloads(page);
    expect(before[0]!.toString()).toContain(',NOT_AUTHORIZED,');
    expect(before[0]!.toString()).toContain(',ALREADY_FILED,');

    // Deploy this version over it; the waiting version takes over when the user reloads.
    rmSync(dir, { recursive: true });
    cpSync(DIST, dir, { recursive: true });
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    const banner = page.getByTestId('update-available');
    await banner.waitFor({ timeout: 30_000 });
    await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: 'Reload' }).click()]);
    await waitReady(page);
    expect(await page.getByTestId('workspace-select').count()).toBe(1);
    expect(await openWorkspaceName(page)).toBe('My data');
    await setFilingDate(page, F);
    // The exports of this version differ from the earlier one's (new columns, rates, filing statuses), so the
    // upgraded data is compared with the same file, profile and submission made afresh in this version.
    const upgraded = await allDownloads(page);
    expect(upgraded[0]!.toString()).toContain(',NOT_AUTHORIZED,');
    expect(upgraded[0]!.toString()).toContain(',SUBMITTED,');
    // The profile, migrated: one row per IOR, the own IOR ticked, its setting kept.
    await showScreen(page, 'Profile');
    await expect(
      page
        .getByRole('textbox', { name: 'IOR number' })
        .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)),
    ).resolves.toEqual([IOR1, IOR2]);
    await expect(page.getByRole('checkbox', { name: `May file for ${IOR1}` }).isChecked()).resolves.toBe(true);
    await expect(page.getByRole('checkbox', { name: `May file for ${IOR2}` }).isChecked()).resolves.toBe(false);
    // Nothing was copied: the data is where it was, in the one database.
    expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).toEqual(['cape-prep']);
    await showScreen(page, 'Workspaces');
    await page.getByRole('textbox', { name: 'Name of the new workspace' }).fill('Afresh');
    await page.getByRole('button', { name: 'Create and open' }).click();
    await waitReady(page);
    await addFiles(page, [{ name: 'acme-es003.csv', text: REAL }]);
    await showScreen(page, 'Profile');
    await page.getByRole('button', { name: 'Add an IOR' }).click();
    await page.getByRole('textbox', { name: 'IOR number' }).fill(IOR1);
    await page.getByRole('combobox', { name: 'Taxpayer type' }).selectOption('non_corporate');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await waitReady(page);
    await showEarlierScreen('Declarations');
    await page.getByRole('checkbox', { name: /^Select CAPE_12345678900_/ }).check();
    await page.getByRole('button', { name: 'Mark 1 as submitted to CBP' }).click();
    await waitReady(page);
    expect(await allDownloads(page)).toEqual(upgraded);
  });
});
