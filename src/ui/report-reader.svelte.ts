/**
 * The one-page report (Report screen, and the top bar's download): every IOR's or one IOR's, read from
 * the worker again after each analysis. The download is the screen's markup with its styles inside.
 */
import type { Report, Snapshot } from '../../workers/contract';
import { app } from './app-state.svelte';
import { todayIso } from './format';
import reportCss from './report.css?inline';
import { reportDocument, reportFileName } from './report-html';
import { saveFile } from './save-file';
import { ReadSession, type WorkerReads } from './worker-reads';

export class ReportReader {
  report = $state.raw<Report | null>(null);
  /** The IOR the report is about (its number as in the data); null: every IOR. */
  importer = $state<string | null>(null);
  private readonly session: ReadSession;

  constructor(private readonly reads: WorkerReads) {
    this.session = new ReadSession(reads);
  }

  /** Read the report of `importer` (the IOR chosen so far when not given); a late answer is dropped. */
  async load(importer = this.importer): Promise<Report | null> {
    this.importer = importer;
    this.session.restart();
    const answer = await this.session.ask((w) => w.report(importer));
    if (answer) this.report = answer.value;
    return answer?.value ?? null;
  }

  /** Save the report of the current analysis as one self-contained HTML file. */
  async download(snapshot: Snapshot, now = new Date()): Promise<void> {
    // A read of its own: the Report screen, opening at the same moment, restarts the screen's reads and
    // would drop this answer (the worker loads its report code on first use, so the screen can ask first).
    const answer = await new ReadSession(this.reads).ask((w) => w.report(this.importer));
    const report = answer?.value ?? null;
    if (!report) return;
    const c = { snapshot, report, printedAt: printedAt(now) };
    saveFile(new Blob([reportDocument(c, reportCss)], { type: 'text/html;charset=utf-8' }), reportFileName(c));
  }
}

/** "2026-11-29 14:05" in local time: when the report was made. */
export function printedAt(now: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${todayIso(now)} ${two(now.getHours())}:${two(now.getMinutes())}`;
}

/** The app's report: the Report screen and the top bar's download share the IOR chosen. */
export const reportReader = new ReportReader(app);
