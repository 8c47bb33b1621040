/**
 * One benchmark trial in one fresh Chromium (fresh profile): the PapaParse reference on the file
 * (text files only), then the app's full ingest through the UI with memory and disk measured, the
 * correctness gates, and a few what-if recomputes.
 */
import { type BrowserContext, type Page, chromium } from 'playwright-core';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, chromiumPath } from '../../tests/e2e/browser';
import {
  appCounts,
  download,
  duplicateWorkspaceMs,
  installStopwatch,
  lastMeasure,
  openEntriesMs,
  storageUsage,
  storedTexts,
  switchWorkspaceMs,
  tableJumpMs,
  timeUntilReady,
  waitReady,
  workerMeasures,
} from './app-driver';
import { countGates, csvGates, lifecycleGates, readEntriesCsv, storedTextGates } from './gates';
import { BENCH_FILING_DATE, type BenchFile, type LifecycleFiles } from './generate';
import { RssSampler } from './rss';

export interface IngestResult {
  ingestMs: number;
  /** CPU time Chromium spent on the ingest (all its processes), ms. */
  ingestCpuMs: number;
  /** Worker-side measures of the import: parse + store, entry table, analysis, exports (ms). */
  worker: { importMs: number | null; buildMs: number | null; analysisMs: number | null; exportsMs: number | null };
  baselineBytes: number;
  peakAboveBytes: number;
  /** Growth of navigator.storage.estimate().usage. */
  diskBytes: number;
  /** Growth of the profile's IndexedDB directory on disk (what the browser really wrote). */
  idbDirBytes: number;
  gateFailures: string[];
}

export interface TrialResult extends IngestResult {
  /** PapaParse alone on the file; null for a workbook. */
  parseRefMs: number | null;
  parseRefRows: number | null;
  /** Peak RSS above baseline while PapaParse alone read the file. */
  parseRefPeakBytes: number | null;
  parseRefCpuMs: number | null;
  whatIfMs: number[];
  /** CPU time Chromium spent on each what-if, ms. */
  whatIfCpuMs: number[];
  whatIfAnalysisMs: number[];
  whatIfExportsMs: number[];
  /** Entries screen: click to first rows shown, then jumps across the whole table (ms). */
  tableOpenMs: number;
  tableJumpMs: number[];
  /** Duplicating the workspace (every stored page copied), click to ready. */
  duplicateMs: number;
  /** Switching between the workspace and its copy (two of the file's size): change to ready, each way twice. */
  switchMs: number[];
  userAgent: string;
  hardwareConcurrency: number;
  /** With --lifecycle: the results and payment files imported after the ES-003 file, then the same what-ifs. */
  lifecycle: {
    importMs: number;
    workerImportMs: number | null;
    workerBuildMs: number | null;
    whatIfMs: number[];
    whatIfAnalysisMs: number[];
    whatIfExportsMs: number[];
  } | null;
}

export interface Urls {
  app: string;
  ref: string;
}

/** Where the table jumps to (fractions of its height): both ends and points between, out of order. */
const TABLE_JUMPS = [1, 0.5, 0.13, 0.87, 0.31, 0.69, 0];

/** The first workspace, as the app names it, and its duplicate. */
const WORKSPACE = 'My data';
const WORKSPACE_COPY = `${WORKSPACE} (copy)`;
/** Switches measured, alternating between the two workspaces (the copy is open first). */
const SWITCHES = [WORKSPACE, WORKSPACE_COPY, WORKSPACE, WORKSPACE_COPY];

/** Filing dates the what-ifs move to and fro, around the generator's filing date. */
const WHAT_IF_DATES = ['2026-05-18', '2026-04-20', '2026-06-01', '2026-05-11', '2026-05-25'];
/** ms to let the freshly loaded app settle (service worker install, first analysis) before the baseline. */
const SETTLE_MS = 1500;

function timeoutFor(file: BenchFile): number {
  // Generous: ~60 s per million rows plus a minute, so only a hang times out.
  return 60_000 + (file.rows / 1_000_000) * 60_000;
}

/** Bytes of all files under `path` (0 when it does not exist). */
function treeBytes(path: string): number {
  let st;
  try {
    st = statSync(path);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.size;
  return readdirSync(path).reduce((n, name) => n + treeBytes(join(path, name)), 0);
}

async function launch(): Promise<{ context: BrowserContext; dir: string; sampler: RssSampler }> {
  const dir = mkdtempSync(join(tmpdir(), 'cape-bench-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
    acceptDownloads: true,
    viewport: { width: 1366, height: 768 },
  });
  return { context, dir, sampler: new RssSampler(dir) };
}

async function parseReference(
  page: Page,
  sampler: RssSampler,
  url: string,
  file: BenchFile,
): Promise<{ ms: number; rows: number; peakAboveBytes: number; cpuMs: number }> {
  await page.goto(url);
  await page.waitForTimeout(SETTLE_MS);
  const baseline = sampler.current();
  const cpuBefore = sampler.cpu();
  sampler.start();
  try {
    await page.locator('#file').setInputFiles(file.path);
    await page
      .locator('#result')
      .filter({ hasText: /\S/ })
      .waitFor({ timeout: timeoutFor(file) });
  } finally {
    sampler.stop();
  }
  const r = JSON.parse(await page.locator('#result').innerText()) as {
    rows: number;
    pageMs: number;
    error: string | null;
  };
  if (r.error) throw new Error(`PapaParse reference failed: ${r.error}`);
  return { ms: r.pageMs, rows: r.rows, peakAboveBytes: sampler.peak - baseline, cpuMs: sampler.cpu() - cpuBefore };
}

async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await waitReady(page);
  await installStopwatch(page);
  await timeUntilReady(page, () => page.getByTestId('filing-date').fill(BENCH_FILING_DATE), 30_000);
  await page.waitForTimeout(SETTLE_MS);
}

/** Import the file through the file input and check what the app made of it. */
async function ingest(page: Page, sampler: RssSampler, profileDir: string, file: BenchFile): Promise<IngestResult> {
  const idbDir = join(profileDir, 'Default', 'IndexedDB');
  const idbBefore = treeBytes(idbDir);
  const usageBefore = await storageUsage(page);
  const baselineBytes = sampler.current();
  const cpuBefore = sampler.cpu();
  sampler.start();
  let ingestMs: number;
  try {
    ingestMs = await timeUntilReady(
      page,
      () => page.getByTestId('file-input').setInputFiles(file.path),
      timeoutFor(file),
    );
  } finally {
    sampler.stop();
  }
  const ingestCpuMs = sampler.cpu() - cpuBefore;
  const measures = await workerMeasures(page);
  const worker = {
    importMs: lastMeasure(measures, 'cape:import'),
    buildMs: lastMeasure(measures, 'cape:build'),
    analysisMs: lastMeasure(measures, 'cape:analysis'),
    exportsMs: lastMeasure(measures, 'cape:exports'),
  };
  const diskBytes = (await storageUsage(page)) - usageBefore;
  const idbDirBytes = treeBytes(idbDir) - idbBefore;
  const gateFailures = [
    ...countGates(await appCounts(page), file.expected),
    ...storedTextGates(await storedTexts(page), file.expected),
    ...(await csvCheck(page, file)),
  ];
  return {
    ingestMs,
    ingestCpuMs,
    worker,
    baselineBytes,
    peakAboveBytes: sampler.peak - baselineBytes,
    diskBytes,
    idbDirBytes,
    gateFailures,
  };
}

/** The entries CSV download against the generator's counts and checksum, and against total-refund. */
async function csvCheck(page: Page, file: BenchFile): Promise<string[]> {
  const csv = readEntriesCsv(await download(page, 'export-entries'));
  return csvGates(csv, file.expected, await page.getByTestId('total-refund').innerText());
}

async function whatIfs(
  page: Page,
  sampler: RssSampler,
  file: BenchFile,
  count: number,
): Promise<{ ms: number[]; cpuMs: number[]; analysisMs: number[]; exportsMs: number[]; gateFailures: string[] }> {
  const ms: number[] = [];
  const cpuMs: number[] = [];
  const analysisMs: number[] = [];
  const exportsMs: number[] = [];
  for (let k = 0; k < count; k++) {
    const date = WHAT_IF_DATES[k % WHAT_IF_DATES.length]!;
    const cpuBefore = sampler.cpu();
    ms.push(await timeUntilReady(page, () => page.getByTestId('filing-date').fill(date), 60_000));
    cpuMs.push(sampler.cpu() - cpuBefore);
    const measures = await workerMeasures(page);
    analysisMs.push(lastMeasure(measures, 'cape:analysis') ?? NaN);
    exportsMs.push(lastMeasure(measures, 'cape:exports') ?? NaN);
  }
  // The downloads must be current once the status reads ready.
  return { ms, cpuMs, analysisMs, exportsMs, gateFailures: await csvCheck(page, file) };
}

/**
 * Two workspaces of the file's size: the loaded one is duplicated, then the switcher goes back and
 * forth between them. Only the open workspace is in memory, so each switch reads its pages from
 * storage, builds the entry table and analyses it: the figures and downloads must be those of the file.
 */
async function switches(
  page: Page,
  file: BenchFile,
): Promise<{ duplicateMs: number; ms: number[]; gateFailures: string[] }> {
  const duplicateMs = await duplicateWorkspaceMs(page, WORKSPACE, timeoutFor(file));
  const ms: number[] = [];
  for (const name of SWITCHES) ms.push(await switchWorkspaceMs(page, name, timeoutFor(file)));
  // Each workspace opens at this tab's filing date for it (the what-ifs left the first at their last date).
  if ((await page.getByTestId('filing-date').inputValue()) !== BENCH_FILING_DATE)
    await timeUntilReady(page, () => page.getByTestId('filing-date').fill(BENCH_FILING_DATE), 60_000);
  return { duplicateMs, ms, gateFailures: await csvCheck(page, file) };
}

/**
 * Import the results and payment files into the dataset (one change of the file input, as a user
 * drops both), then the same what-ifs as before them: the figures of the same run with and without.
 */
async function lifecycle(
  page: Page,
  sampler: RssSampler,
  file: BenchFile,
  files: LifecycleFiles,
  whatIfCount: number,
): Promise<{ result: NonNullable<TrialResult['lifecycle']>; gateFailures: string[] }> {
  const importMs = await timeUntilReady(
    page,
    () => page.getByTestId('file-input').setInputFiles([files.results, files.payments]),
    timeoutFor(file),
  );
  const measures = await workerMeasures(page);
  const csv = readEntriesCsv(await download(page, 'export-entries'));
  const gateFailures = lifecycleGates(csv, files.expected).map((f) => `after filing: ${f}`);
  const w = await whatIfs(page, sampler, file, whatIfCount);
  return {
    result: {
      importMs,
      workerImportMs: lastMeasure(measures, 'cape:import'),
      workerBuildMs: lastMeasure(measures, 'cape:build'),
      whatIfMs: w.ms,
      whatIfAnalysisMs: w.analysisMs,
      whatIfExportsMs: w.exportsMs,
    },
    gateFailures: [...gateFailures, ...w.gateFailures.map((f) => `after filing, after what-if: ${f}`)],
  };
}

export async function runTrial(
  urls: Urls,
  file: BenchFile,
  whatIfCount: number,
  reference: boolean,
  lifecycleFiles: LifecycleFiles | null = null,
): Promise<TrialResult> {
  const { context, dir, sampler } = await launch();
  try {
    const refPage = context.pages()[0] ?? (await context.newPage());
    const ref = reference ? await parseReference(refPage, sampler, urls.ref, file) : null;
    // The app gets its own page (and renderer); the reference page and its worker are gone first.
    const page = await context.newPage();
    await refPage.close();
    await openApp(page, urls.app);
    const result = await ingest(page, sampler, dir, file);
    const w = await whatIfs(page, sampler, file, whatIfCount);
    const tableOpenMs = await openEntriesMs(page);
    const jumps: number[] = [];
    for (const f of TABLE_JUMPS) jumps.push(await tableJumpMs(page, f));
    const sw = await switches(page, file);
    // Last: the results and payment files change the figures the gates above check against the file.
    const after = lifecycleFiles ? await lifecycle(page, sampler, file, lifecycleFiles, whatIfCount) : null;
    const env = await page.evaluate(() => ({
      userAgent: navigator.userAgent,
      hardwareConcurrency: navigator.hardwareConcurrency,
    }));
    return {
      ...result,
      gateFailures: [
        ...result.gateFailures,
        ...w.gateFailures.map((f) => `after what-if: ${f}`),
        ...sw.gateFailures.map((f) => `after switching workspaces: ${f}`),
        ...(after?.gateFailures ?? []),
      ],
      lifecycle: after?.result ?? null,
      parseRefMs: ref?.ms ?? null,
      parseRefRows: ref?.rows ?? null,
      parseRefPeakBytes: ref?.peakAboveBytes ?? null,
      parseRefCpuMs: ref?.cpuMs ?? null,
      whatIfMs: w.ms,
      whatIfCpuMs: w.cpuMs,
      whatIfAnalysisMs: w.analysisMs,
      whatIfExportsMs: w.exportsMs,
      tableOpenMs,
      tableJumpMs: jumps,
      duplicateMs: sw.duplicateMs,
      switchMs: sw.ms,
      ...env,
    };
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
