/** Shared steps for the browser tests: wait for `ready`, download an export, load files, stop a server. */
import type { Page } from 'playwright-core';
import type { Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { SCREENS } from '../../src/ui/screens';

/** Wait until the status hook reads `ready` (every figure and download current). */
export async function waitReady(page: Page, timeout = 60_000): Promise<void> {
  await page
    .getByTestId('status')
    .filter({ hasText: /^ready$/ })
    .waitFor({ timeout });
}

/** Click a download link and return the downloaded bytes and suggested file name. */
export async function download(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), bytes: await readFile(path) };
}

/** "Try with sample data" on a page just opened, then wait until the sample is analysed. */
export async function loadSample(page: Page): Promise<void> {
  await waitReady(page);
  await page.getByRole('button', { name: 'Try with sample data' }).first().click();
  await waitReady(page);
}

export async function setFilingDate(page: Page, iso: string): Promise<void> {
  await page.getByTestId('filing-date').fill(iso);
  await waitReady(page);
}

export async function addFiles(page: Page, files: { name: string; text: string | Buffer }[]): Promise<void> {
  await page.getByTestId('file-input').setInputFiles(
    files.map((f) => ({
      name: f.name,
      mimeType: 'text/csv',
      buffer: Buffer.isBuffer(f.text) ? f.text : Buffer.from(f.text, 'utf8'),
    })),
  );
  await waitReady(page);
}

/** Show a screen by its navigation label, and wait until its view is in place (some load when first shown). */
export async function showScreen(page: Page, name: string): Promise<void> {
  const screen = SCREENS.find((s) => s.label === name);
  if (!screen) throw new Error(`No screen is labelled ${name}`);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name, exact: true }).click();
  await page.locator(`main [data-screen="${screen.view}"]`).waitFor({ state: 'attached' });
}

/** Wait until the service worker controls the page (the offline copy is installed and in charge). */
export async function waitControlled(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
}

/** Stop a static server at once: no new connections, open keep-alive connections dropped. */
export async function stopServer(server: Server): Promise<void> {
  const closed = new Promise<void>((ok) => server.close(() => ok()));
  server.closeAllConnections();
  await closed;
}

/** Whether a URL is the built app worker's script (parsing, storage, analysis): `assets/dataset.worker-<hash>.js`. */
export function isAppWorkerUrl(url: string): boolean {
  return /\/assets\/dataset\.worker-[\w-]+\.js$/.test(url);
}

/** Open a workspace by its name with the top bar's switcher, and wait until it is analysed. */
export async function openWorkspace(page: Page, name: string): Promise<void> {
  await page.getByTestId('workspace-select').selectOption({ label: name });
  await waitReady(page);
}

/** The name of the workspace open, as the switcher shows it. */
export async function openWorkspaceName(page: Page): Promise<string> {
  return page.getByTestId('workspace-select').evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.text ?? '');
}

/** The three downloads of the top bar (entries CSV, row problems CSV, declarations ZIP), as bytes. */
export async function allDownloads(page: Page): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for (const id of ['export-entries', 'export-problems', 'export-declarations'])
    out.push((await download(page, id)).bytes);
  return out;
}

/** The top bar's refund to declare as shown (`$1,234.50`), in the entries CSV's form (`1234.50`). */
export async function totalRefund(page: Page): Promise<string> {
  const shown = (await page.getByTestId('total-refund').textContent()) ?? '';
  return shown.replace(/[$,]/g, '');
}
