/**
 * `npx tsx scripts/bench/profile.ts [--variant=messy] [--size=1M] [--phase=ingest|whatif] [--dist=DIR]`
 *
 * Where the app worker's time goes, in Chromium: the V8 sampling profiler (CDP `Profiler`) runs in
 * the dataset worker during one import of a bench file, or during five what-ifs after it, and the
 * functions with the most self time are printed (the .cpuprofile is written to .tmp/profiles/ for
 * DevTools). Not a benchmark: profiling slows the code down; `npm run bench` measures.
 */
import { type CDPSession, chromium } from 'playwright-core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { serveStatic } from '../serve-static.mjs';
import { CHROMIUM_ARGS, chromiumPath } from '../../tests/e2e/browser';
import { installStopwatch, timeUntilReady, waitReady } from './app-driver';
import { BENCH_FILING_DATE, type Variant, ensureBenchFile, parseSize, sizeLabel } from './generate';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const WHAT_IF_DATES = ['2026-05-18', '2026-04-20', '2026-06-01', '2026-05-11', '2026-05-25'];

function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}

/** CDP commands to a worker through the browser session (Target.sendMessageToTarget), awaited by id. */
class WorkerDebugger {
  private seq = 0;
  private readonly waiting = new Map<number, (result: unknown) => void>();

  constructor(
    private readonly browser: CDPSession,
    private readonly sessionId: string,
  ) {
    browser.on('Target.receivedMessageFromTarget', (e: { sessionId: string; message: string }) => {
      if (e.sessionId !== this.sessionId) return;
      const m = JSON.parse(e.message) as { id?: number; result?: unknown; error?: { message: string } };
      if (m.id === undefined) return;
      const done = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      done?.(m.error ? Promise.reject(new Error(m.error.message)) : m.result);
    });
  }

  send<T>(method: string, params: object = {}): Promise<T> {
    const id = ++this.seq;
    const answer = new Promise<T>((resolve) => this.waiting.set(id, resolve as (r: unknown) => void));
    void this.browser.send('Target.sendMessageToTarget', {
      sessionId: this.sessionId,
      message: JSON.stringify({ id, method, params }),
    });
    return answer;
  }
}

async function attachToAppWorker(cdp: CDPSession): Promise<WorkerDebugger> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as {
      targetInfos: { targetId: string; type: string; url: string }[];
    };
    const worker = targetInfos.find((t) => t.type === 'worker' && /dataset\.worker/.test(t.url));
    if (worker) {
      const { sessionId } = (await cdp.send('Target.attachToTarget', {
        targetId: worker.targetId,
        flatten: false,
      })) as { sessionId: string };
      return new WorkerDebugger(cdp, sessionId);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the dataset worker did not start');
}

function topSelfTime(p: CpuProfile, count: number): string[] {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  p.samples.forEach((id, k) => {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (p.timeDeltas[k] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([k, us]) => `${(us / 1000).toFixed(0).padStart(7)} ms ${((us / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
}

async function main(): Promise<void> {
  const variant = option('variant', 'messy') as Variant;
  const rows = parseSize(option('size', '1M'));
  const phase = option('phase', 'ingest');
  const file = await ensureBenchFile('.tmp/bench', rows, variant);
  const { server, url } = await serveStatic(option('dist', '.tmp/bench-dist'), 0);
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    const cdp = await browser.newBrowserCDPSession();
    await page.goto(url);
    await waitReady(page);
    await installStopwatch(page);
    await timeUntilReady(page, () => page.getByTestId('filing-date').fill(BENCH_FILING_DATE), 30_000);
    const worker = await attachToAppWorker(cdp);
    await worker.send('Profiler.enable');
    await worker.send('Profiler.setSamplingInterval', { interval: 200 });
    const upload = () => page.getByTestId('file-input').setInputFiles(file.path);
    if (phase === 'ingest') await worker.send('Profiler.start');
    const ingestMs = await timeUntilReady(page, upload, 600_000);
    if (phase === 'whatif') await worker.send('Profiler.start');
    const whatIfMs: number[] = [];
    if (phase === 'whatif')
      for (const date of WHAT_IF_DATES)
        whatIfMs.push(await timeUntilReady(page, () => page.getByTestId('filing-date').fill(date), 60_000));
    const { profile } = await worker.send<{ profile: CpuProfile }>('Profiler.stop');
    mkdirSync('.tmp/profiles', { recursive: true });
    const out = `.tmp/profiles/${variant}-${sizeLabel(rows)}-${phase}.cpuprofile`;
    writeFileSync(out, JSON.stringify(profile));
    console.log(
      `${variant} ${sizeLabel(rows)} ${phase}: ingest ${Math.round(ingestMs)} ms` +
        (whatIfMs.length ? `, what-ifs ${whatIfMs.map(Math.round).join('/')} ms` : '') +
        ` (profiled, slower than the bench); profile in ${out}`,
    );
    for (const line of topSelfTime(profile, 40)) console.log(line);
  } finally {
    await browser.close();
    server.close();
  }
}

await main();
