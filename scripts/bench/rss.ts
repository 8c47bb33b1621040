/**
 * Resident memory of one Chromium instance: the sum of RSS over its browser process and every
 * descendant (zygotes, renderers, GPU and utility processes), read from Linux /proc. The process
 * tree is found from the instance's unique --user-data-dir and refreshed now and then, since
 * Chromium starts helper processes on demand.
 */
import { readFileSync, readdirSync } from 'node:fs';

const PAGE_BYTES = 4096;
/** Sample period, ms: fine enough to catch the peak of a multi-second import. */
const SAMPLE_MS = 50;
/** Re-scan /proc for new child processes every this many samples (~0.5 s). */
const RESCAN_EVERY = 10;

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

function pids(): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
}

/** Parent pid from /proc/<pid>/stat (the command name in parentheses may hold spaces). */
function parentOf(pid: number): number | null {
  const stat = readText(`/proc/${pid}/stat`);
  if (stat === null) return null;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[1]);
}

/** The browser process started with this user data dir, and all its descendants. */
export function chromiumTree(userDataDir: string): number[] {
  const all = pids();
  const roots = all.filter((pid) => {
    const cmd = readText(`/proc/${pid}/cmdline`);
    return cmd !== null && cmd.split('\0').includes(`--user-data-dir=${userDataDir}`);
  });
  const children = new Map<number, number[]>();
  for (const pid of all) {
    const parent = parentOf(pid);
    if (parent === null) continue;
    const list = children.get(parent) ?? [];
    list.push(pid);
    children.set(parent, list);
  }
  const tree = new Set<number>();
  const stack = [...roots];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    if (tree.has(pid)) continue;
    tree.add(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return [...tree];
}

/** Sum of resident set sizes in bytes (a process that has exited counts 0). */
export function rssBytes(pidList: readonly number[]): number {
  let total = 0;
  for (const pid of pidList) {
    const statm = readText(`/proc/${pid}/statm`);
    if (statm !== null) total += Number(statm.split(' ')[1]) * PAGE_BYTES;
  }
  return total;
}

export class RssSampler {
  private timer: ReturnType<typeof setInterval> | null = null;
  private tree: number[] = [];
  private samples = 0;
  peak = 0;

  constructor(private readonly userDataDir: string) {}

  /** RSS now, bytes. */
  current(): number {
    this.tree = chromiumTree(this.userDataDir);
    return rssBytes(this.tree);
  }

  start(): void {
    this.peak = this.current();
    this.samples = 0;
    this.timer = setInterval(() => {
      if (++this.samples % RESCAN_EVERY === 0) this.tree = chromiumTree(this.userDataDir);
      this.peak = Math.max(this.peak, rssBytes(this.tree));
    }, SAMPLE_MS);
  }

  /** Stop sampling; returns the peak RSS seen since start, bytes. */
  stop(): number {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.peak = Math.max(this.peak, this.current());
    return this.peak;
  }
}
