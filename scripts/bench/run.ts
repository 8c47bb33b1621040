/**
 * `npm run bench [-- --sizes=100k,1M,3M --trials=3 --whatifs=5 --variants=clean,messy,messy-utf16,messy-xlsx
 *   --xlsx --lifecycle --no-build --dist=DIR]`
 *
 * Defaults: 100k and 1M rows, 3 trials, 5 what-ifs per trial, every variant (generate.ts: the clean
 * CSV, and the messy export as CSV, UTF-16 tab-delimited text and .xlsx); --xlsx adds the clean
 * file as .xlsx. --no-build reuses the last builds; --dist benches a build made elsewhere (e.g. of
 * an earlier commit) instead of building this one.
 * --lifecycle then imports, after the clean file, a 300,000-row CAPE results file and a 200,000-row
 * refund/payment file (seeded, for each size's ES-003 file) into the same dataset and repeats the
 * what-ifs: the import times and the what-if with those files, beside the what-if of the same run without them.
 *
 * The ingest benchmark of issue 3 (design: shared/reference/perf-anchors.md §7). For each size and
 * variant, on the same generated file, in the same fresh headless Chromium per trial: the
 * PapaParse-alone reference (text files), the app's full ingest + analysis through the real UI
 * (production build served as static files), what-if recomputes, peak RSS above baseline and the
 * IndexedDB footprint. Correctness gates (counts, exact cents checksum, no U+FFFD) void the timing
 * when they fail. Prints a table, appends JSON lines to bench-results/results.jsonl, and ends with
 * one summary line per variant for 1M rows (else the largest size run). Exit code 1 when a gate failed.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { serveStatic } from '../serve-static.mjs';
import {
  type BenchFile,
  VARIANTS,
  type Variant,
  ensureBenchFile,
  ensureLifecycleFiles,
  isXlsx,
  parseSize,
  sizeLabel,
} from './generate';
import { type TrialResult, runTrial } from './trial';

const BUILD_DIST = '.tmp/bench-dist';
const REF_DIST = '.tmp/bench-ref-dist';
const DATA_DIR = '.tmp/bench';
const RESULTS = 'bench-results/results.jsonl';
const MB = 1_000_000;

interface Options {
  sizes: number[];
  trials: number;
  whatIfs: number;
  variants: Variant[];
  lifecycle: boolean;
  build: boolean;
  /** The app build to bench. */
  dist: string;
}

function options(argv: readonly string[]): Options {
  const o: Options = {
    sizes: [100_000, 1_000_000],
    trials: 3,
    whatIfs: 5,
    variants: [...VARIANTS],
    lifecycle: false,
    build: true,
    dist: BUILD_DIST,
  };
  const known: readonly string[] = [...VARIANTS, 'clean-xlsx'];
  for (const arg of argv) {
    const [key, value = ''] = arg.replace(/^--/, '').split('=');
    if (key === 'sizes') o.sizes = value.split(',').map(parseSize);
    else if (key === 'trials') o.trials = Math.max(1, Number(value));
    else if (key === 'whatifs') o.whatIfs = Math.max(1, Number(value));
    else if (key === 'variants') {
      const picked = value.split(',');
      const unknown = picked.filter((v) => !known.includes(v));
      if (unknown.length > 0) throw new Error(`Unknown variant ${unknown.join(', ')}: use ${known.join(', ')}.`);
      o.variants = picked as Variant[];
    } else if (key === 'xlsx') o.variants.push('clean-xlsx');
    else if (key === 'lifecycle') o.lifecycle = true;
    else if (key === 'no-build') o.build = false;
    else if (key === 'dist') o.dist = value;
    else
      throw new Error(
        `Unknown option ${arg}. Options: --sizes=100k,1M,3M --trials=N --whatifs=N --variants=${known.join(',')} --xlsx --lifecycle --no-build --dist=DIR`,
      );
  }
  return o;
}

/** The reference page, and the app unless another build is benched (never into dist/, which others serve). */
function build(app: boolean): void {
  const builds = [['vite', 'build', '--config', 'scripts/bench/ref/vite.config.ts']];
  if (app) builds.push(['vite', 'build', '--outDir', BUILD_DIST, '--emptyOutDir', '--logLevel', 'warn']);
  for (const args of builds) {
    const r = spawnSync('npx', args, { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`build failed: npx ${args.join(' ')}`);
  }
}

function median(values: readonly number[]): number {
  const s = [...values].filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

interface SizeSummary {
  size: string;
  variant: Variant;
  rows: number;
  fileBytes: number;
  parseRefS: number;
  ingestS: number;
  /** parse_ref / ingest: 1 would be as fast as PapaParse alone; the goal is ≥ 0.5. */
  ratio: number;
  /** The same by Chromium's CPU time (all processes): unmoved by other work on a shared machine. */
  parseRefCpuS: number;
  ingestCpuS: number;
  cpuRatio: number;
  whatIfCpuMs: number;
  ingestMinS: number;
  ingestMaxS: number;
  rowsPerS: number;
  mbPerS: number;
  workerImportMs: number;
  workerBuildMs: number;
  workerAnalysisMs: number;
  workerExportsMs: number;
  whatIfMs: number;
  whatIfMaxMs: number;
  whatIfAnalysisMs: number;
  whatIfExportsMs: number;
  tableOpenMs: number;
  tableJumpMs: number;
  tableJumpMaxMs: number;
  duplicateS: number;
  switchMs: number;
  switchMaxMs: number;
  peakMb: number;
  memRatio: number;
  parseRefPeakMb: number;
  diskMb: number;
  diskRatio: number;
  idbDirMb: number;
  gateFailures: string[];
  /** A workbook's ingest ÷ the ingest of the same rows as CSV (same variant), when both ran. */
  xlsxOverCsv: number;
  /** With --lifecycle: importing the results and payment files, and the what-if with them. */
  lifecycle: {
    importS: number;
    workerImportMs: number;
    workerBuildMs: number;
    whatIfMs: number;
    whatIfMaxMs: number;
    whatIfAnalysisMs: number;
    whatIfExportsMs: number;
  } | null;
}

/** The CSV variant holding the same rows as a workbook variant. */
const CSV_OF: Partial<Record<Variant, Variant>> = { 'clean-xlsx': 'clean', 'messy-xlsx': 'messy' };

function summarise(file: BenchFile, trials: readonly TrialResult[], csv: SizeSummary | undefined): SizeSummary {
  const m = (pick: (t: TrialResult) => number | null) => median(trials.map((t) => pick(t) ?? NaN));
  const ingestMs = m((t) => t.ingestMs);
  const parseRefMs = m((t) => t.parseRefMs);
  const peak = m((t) => t.peakAboveBytes);
  const disk = m((t) => t.diskBytes);
  return {
    size: sizeLabel(file.rows),
    variant: file.variant,
    rows: file.rows,
    fileBytes: file.expected.bytes,
    parseRefS: parseRefMs / 1000,
    ingestS: ingestMs / 1000,
    ratio: parseRefMs / ingestMs,
    parseRefCpuS: m((t) => t.parseRefCpuMs) / 1000,
    ingestCpuS: m((t) => t.ingestCpuMs) / 1000,
    cpuRatio: m((t) => t.parseRefCpuMs) / m((t) => t.ingestCpuMs),
    whatIfCpuMs: median(trials.flatMap((t) => t.whatIfCpuMs)),
    ingestMinS: Math.min(...trials.map((t) => t.ingestMs)) / 1000,
    ingestMaxS: Math.max(...trials.map((t) => t.ingestMs)) / 1000,
    rowsPerS: file.rows / (ingestMs / 1000),
    mbPerS: file.expected.bytes / MB / (ingestMs / 1000),
    workerImportMs: m((t) => t.worker.importMs),
    workerBuildMs: m((t) => t.worker.buildMs),
    workerAnalysisMs: m((t) => t.worker.analysisMs),
    workerExportsMs: m((t) => t.worker.exportsMs),
    whatIfMs: median(trials.flatMap((t) => t.whatIfMs)),
    whatIfMaxMs: Math.max(...trials.flatMap((t) => t.whatIfMs)),
    whatIfAnalysisMs: median(trials.flatMap((t) => t.whatIfAnalysisMs)),
    whatIfExportsMs: median(trials.flatMap((t) => t.whatIfExportsMs)),
    tableOpenMs: m((t) => t.tableOpenMs),
    tableJumpMs: median(trials.flatMap((t) => t.tableJumpMs)),
    tableJumpMaxMs: Math.max(...trials.flatMap((t) => t.tableJumpMs)),
    duplicateS: m((t) => t.duplicateMs) / 1000,
    switchMs: median(trials.flatMap((t) => t.switchMs)),
    switchMaxMs: Math.max(...trials.flatMap((t) => t.switchMs)),
    peakMb: peak / MB,
    parseRefPeakMb: m((t) => t.parseRefPeakBytes) / MB,
    memRatio: peak / file.expected.bytes,
    diskMb: disk / MB,
    diskRatio: disk / file.expected.bytes,
    idbDirMb: m((t) => t.idbDirBytes) / MB,
    gateFailures: [...new Set(trials.flatMap((t) => t.gateFailures))],
    xlsxOverCsv: csv ? ingestMs / 1000 / csv.ingestS : NaN,
    lifecycle: trials.every((t) => t.lifecycle)
      ? {
          importS: m((t) => t.lifecycle!.importMs) / 1000,
          workerImportMs: m((t) => t.lifecycle!.workerImportMs),
          workerBuildMs: m((t) => t.lifecycle!.workerBuildMs),
          whatIfMs: median(trials.flatMap((t) => t.lifecycle!.whatIfMs)),
          whatIfMaxMs: Math.max(...trials.flatMap((t) => t.lifecycle!.whatIfMs)),
          whatIfAnalysisMs: median(trials.flatMap((t) => t.lifecycle!.whatIfAnalysisMs)),
          whatIfExportsMs: median(trials.flatMap((t) => t.lifecycle!.whatIfExportsMs)),
        }
      : null,
  };
}

const f1 = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '–');
const f2 = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '–');
const f0 = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '–');

function printTable(sums: readonly SizeSummary[], trials: number): void {
  const rows: [string, (s: SizeSummary) => string][] = [
    ['file', (s) => `${f1(s.fileBytes / MB)} MB`],
    [`PapaParse alone (ref), s`, (s) => f2(s.parseRefS)],
    [`ingest + analysis (UI), s`, (s) => f2(s.ingestS)],
    ['  min – max, s', (s) => `${f2(s.ingestMinS)} – ${f2(s.ingestMaxS)}`],
    ['ratio ref/ingest (goal ≥ 0.5)', (s) => f2(s.ratio)],
    ['  CPU time: ref / ingest, s', (s) => `${f2(s.parseRefCpuS)} / ${f2(s.ingestCpuS)}`],
    ['  ratio by CPU time', (s) => f2(s.cpuRatio)],
    ['  rows/s', (s) => f0(s.rowsPerS)],
    ['  MB/s', (s) => f1(s.mbPerS)],
    ['  worker: parse + store, ms', (s) => f0(s.workerImportMs)],
    ['  worker: entry table, ms', (s) => f0(s.workerBuildMs)],
    ['  worker: analysis, ms', (s) => f0(s.workerAnalysisMs)],
    ['  worker: exports, ms', (s) => f0(s.workerExportsMs)],
    ['what-if to ready, ms (≤ 300)', (s) => `${f0(s.whatIfMs)} (max ${f0(s.whatIfMaxMs)})`],
    ['  worker: analysis, ms', (s) => f0(s.whatIfAnalysisMs)],
    ['  worker: exports, ms', (s) => f0(s.whatIfExportsMs)],
    ['  CPU time (all processes), ms', (s) => f0(s.whatIfCpuMs)],
    ['entries table: open, ms', (s) => f0(s.tableOpenMs)],
    ['  jump to any row, ms', (s) => `${f0(s.tableJumpMs)} (max ${f0(s.tableJumpMaxMs)})`],
    ['duplicate the workspace, s', (s) => f2(s.duplicateS)],
    ['switch between two such workspaces, ms', (s) => `${f0(s.switchMs)} (max ${f0(s.switchMaxMs)})`],
    ['peak RSS above baseline, MB', (s) => f0(s.peakMb)],
    ['  ÷ file size (≤ 1.5)', (s) => f2(s.memRatio)],
    ['  PapaParse alone: peak RSS, MB', (s) => f0(s.parseRefPeakMb)],
    ['storage.estimate() usage, MB', (s) => f1(s.diskMb)],
    ['  ÷ file size', (s) => f2(s.diskRatio)],
    ['IndexedDB files on disk, MB', (s) => f1(s.idbDirMb)],
    ['.xlsx ingest ÷ CSV ingest (≤ 2)', (s) => f2(s.xlsxOverCsv)],
    [
      'after filing: results + payments import, s',
      (s) => (s.lifecycle ? f2(s.lifecycle.importS) : 'not run (--lifecycle)'),
    ],
    ['  worker: parse + store, ms', (s) => (s.lifecycle ? f0(s.lifecycle.workerImportMs) : '–')],
    ['  worker: entry table + filings, ms', (s) => (s.lifecycle ? f0(s.lifecycle.workerBuildMs) : '–')],
    [
      'what-if with them, ms (≤ 300)',
      (s) => (s.lifecycle ? `${f0(s.lifecycle.whatIfMs)} (max ${f0(s.lifecycle.whatIfMaxMs)})` : '–'),
    ],
    ['  worker: analysis, ms', (s) => (s.lifecycle ? f0(s.lifecycle.whatIfAnalysisMs) : '–')],
    ['  worker: exports, ms', (s) => (s.lifecycle ? f0(s.lifecycle.whatIfExportsMs) : '–')],
    ['correctness gates', (s) => (s.gateFailures.length === 0 ? 'pass' : 'FAIL (timing void)')],
  ];
  const head = [`median of ${trials} trial${trials > 1 ? 's' : ''}`, ...sums.map((s) => `${s.variant} ${s.size}`)];
  const body = rows.map(([label, cell]) => [label, ...sums.map(cell)]);
  const widths = head.map((_, c) => Math.max(...[head, ...body].map((r) => r[c]!.length)));
  const line = (r: string[]) =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  console.log('\n' + line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of body) console.log(line(r));
  for (const s of sums) for (const f of s.gateFailures) console.log(`GATE ${s.variant} ${s.size}: ${f}`);
}

function summaryLine(s: SizeSummary): string {
  const head = `bench variant=${s.variant} rows=${s.rows}`;
  if (s.gateFailures.length > 0)
    return `${head} ingest_s=void parse_ref_s=${f2(s.parseRefS)} ratio=void whatif_ms=void switch_ms=void peak_mb=void`;
  const xlsx = Number.isFinite(s.xlsxOverCsv) ? ` xlsx_over_csv=${f2(s.xlsxOverCsv)}` : '';
  const after = s.lifecycle
    ? ` lifecycle_import_s=${f2(s.lifecycle.importS)} whatif_lifecycle_ms=${Math.round(s.lifecycle.whatIfMs)}`
    : '';
  return `${head} ingest_s=${f2(s.ingestS)} parse_ref_s=${f2(s.parseRefS)} ratio=${f2(s.ratio)} cpu_ratio=${f2(s.cpuRatio)} whatif_ms=${Math.round(s.whatIfMs)} whatif_cpu_ms=${Math.round(s.whatIfCpuMs)} switch_ms=${Math.round(s.switchMs)} peak_mb=${Math.round(s.peakMb)}${xlsx}${after}`;
}

function gitCommit(): string {
  const r = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' });
  const dirty =
    spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).stdout.trim() !== '';
  return `${r.stdout.trim()}${dirty ? '+dirty' : ''}`;
}

function packageVersion(name: string): string {
  return (JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')) as { version: string }).version;
}

async function main(): Promise<void> {
  const o = options(process.argv.slice(2));
  if (o.build) build(o.dist === BUILD_DIST);
  const servers: Server[] = [];
  const serve = async (dir: string) => {
    const { server, url } = await serveStatic(dir, 0);
    servers.push(server);
    return url;
  };
  const urls = { app: await serve(o.dist), ref: await serve(REF_DIST) };
  const sums: SizeSummary[] = [];
  try {
    for (const rows of o.sizes) {
      for (const variant of o.variants) {
        const file = await ensureBenchFile(DATA_DIR, rows, variant);
        // The results and payment files follow the clean file's entries.
        const lifecycle = o.lifecycle && variant === 'clean' ? await ensureLifecycleFiles(DATA_DIR, file) : null;
        const trials: TrialResult[] = [];
        for (let k = 0; k < o.trials; k++) {
          const t = await runTrial(urls, file, o.whatIfs, !isXlsx(variant), lifecycle);
          trials.push(t);
          const ref =
            t.parseRefMs === null ? '' : `ref ${f2(t.parseRefMs / 1000)} s (cpu ${f2(t.parseRefCpuMs! / 1000)}), `;
          const after = t.lifecycle
            ? `; results + payments ${f2(t.lifecycle.importMs / 1000)} s, what-if with them ${t.lifecycle.whatIfMs.map(f0).join('/')} ms`
            : '';
          console.log(
            `${variant} ${sizeLabel(rows)} trial ${k + 1}/${o.trials}: ${ref}ingest ${f2(t.ingestMs / 1000)} s (cpu ${f2(t.ingestCpuMs / 1000)}), what-if ${t.whatIfMs.map(f0).join('/')} ms (cpu ${t.whatIfCpuMs.map(f0).join('/')}), +${f0(t.peakAboveBytes / MB)} MB${after}${t.gateFailures.length ? ', GATES FAILED: ' + t.gateFailures.join('; ') : ''}`,
          );
        }
        const csvVariant = CSV_OF[variant];
        const csv = sums.find((s) => s.rows === rows && s.variant === csvVariant);
        const sum = summarise(file, trials, csv);
        sums.push(sum);
        mkdirSync('bench-results', { recursive: true });
        const record = {
          at: new Date().toISOString(),
          commit: gitCommit(),
          dist: o.dist,
          userAgent: trials[0]!.userAgent,
          hardwareConcurrency: trials[0]!.hardwareConcurrency,
          versions: {
            papaparse: packageVersion('papaparse'),
            dexie: packageVersion('dexie'),
            vite: packageVersion('vite'),
          },
          ...sum,
          trials,
        };
        appendFileSync(RESULTS, JSON.stringify(record) + '\n');
      }
    }
  } finally {
    for (const s of servers) s.close();
  }
  printTable(sums, o.trials);
  const headlineRows = sums.some((s) => s.rows === 1_000_000) ? 1_000_000 : sums[sums.length - 1]!.rows;
  for (const s of sums) if (s.rows === headlineRows) console.log(summaryLine(s));
  if (sums.some((s) => s.gateFailures.length > 0)) process.exitCode = 1;
}

await main();
