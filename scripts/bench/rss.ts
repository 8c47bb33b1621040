/**
 * Resident memory and CPU time of one Chromium instance: the sums of RSS and of user + system time
 * over its browser process and every descendant (zygotes, renderers, GPU and utility processes),
 * read from Linux /proc. The process tree is found from the instance's unique --user-data-dir and
 * refreshed now and then, since Chromium starts helper processes on demand. CPU time does not grow
 * while the machine's other work keeps Chromium waiting, so it compares builds on a shared machine.
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

/** Clock ticks a second in /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** Sum of user + system CPU time in ms (a process that has exited counts 0). */
export function cpuMs(pidList: readonly number[]): number {
  let ticks = 0;
  for (const pid of pidList) {
    const stat = readText(`/proc/${pid}/stat`);
    if (stat === null) continue;
    // Fields after the command name: state is 3rd, utime 14th, stime 15th (1-based, of the whole line).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
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

  /** CPU time of the whole instance so far, ms (10 ms resolution). */
  cpu(): number {
    return cpuMs(chromiumTree(this.userDataDir));
  }

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
