/**
 * The one-page report as HTML: the Report screen shows this very markup, and the download wraps it with
 * its stylesheet (report.css) into one self-contained file that opens in any browser and prints to PDF.
 * Every text is escaped here; the figures come from the worker's report and the snapshot.
 */
import type { Report, ReportIor, ReportRisk, ReportTotals, Snapshot } from '../../workers/contract';
import { formatEntryNumber } from '../core/entry-number';
import { FILE_KIND_LABELS } from '../core/header-mapping';
import { SEGMENT_LABELS, isDeclared, segmentNames } from '../core/reasons';
import { ACH_LABELS } from './filing';
import { formatCount, formatUsd } from './format';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
const usd = (cents: number): string => esc(formatUsd(cents));
const TAXPAYER = { corporate: 'Corporate', non_corporate: 'Non-corporate' } as const;

/** What a report is of and when it was made; `printedAt` is the local time shown on it. */
export interface ReportContext {
  snapshot: Snapshot;
  report: Report;
  printedAt: string;
}

/** "Refund summary — Acme (12-3456789-00)": the report's title, also its file name's core. */
export function reportTitle(c: ReportContext): string {
  const r = c.report;
  const of =
    r.importerNumber === null
      ? ''
      : ` — ${r.importerName ? `${r.importerName} (${r.importerNumber})` : r.importerNumber}`;
  return `CAPE refund summary${of}`;
}

export function reportFileName(c: ReportContext): string {
  const who = c.report.importerNumber === null ? 'all-IORs' : c.report.importerNumber.replace(/[^A-Za-z0-9]+/g, '');
  return `CAPE-report-${who}-${c.report.filingDate}.html`;
}

function table(caption: string, head: string[], rows: string[][], numeric: boolean[], foot?: string[]): string {
  const cls = (k: number) => (numeric[k] ? ' class="num"' : '');
  return (
    `<table><caption>${esc(caption)}</caption><thead><tr>${head.map((h, k) => `<th scope="col"${cls(k)}>${esc(h)}</th>`).join('')}</tr></thead>` +
    `<tbody>${rows.map((r) => `<tr>${r.map((c, k) => `<td${cls(k)}>${c}</td>`).join('')}</tr>`).join('')}</tbody>` +
    (foot ? `<tfoot><tr>${foot.map((c, k) => `<td${cls(k)}>${c}</td>`).join('')}</tr></tfoot>` : '') +
    `</table>`
  );
}

/** Consecutive quarters at the same rates and status as one line: "2025 Q1 – 2026 Q1: 6% / 7% (published)". */
function rateLines(s: Snapshot): string[] {
  const assumed = new Set(s.overview.assumedRates?.quarters ?? []);
  const runs: { from: string; to: string; corporate: string; nonCorporate: string; status: string }[] = [];
  for (const r of s.rates) {
    const last = runs[runs.length - 1];
    if (last && last.corporate === r.corporate && last.nonCorporate === r.nonCorporate && last.status === r.status)
      last.to = r.quarter;
    else
      runs.push({
        from: r.quarter,
        to: r.quarter,
        corporate: r.corporate,
        nonCorporate: r.nonCorporate,
        status: r.status,
      });
  }
  const lines = runs.map(
    (r) =>
      `${esc(r.from === r.to ? r.from : `${r.from} – ${r.to}`)}: ${esc(r.corporate)}% corporate / ${esc(r.nonCorporate)}% non-corporate (${esc(r.status)})`,
  );
  const last = s.rates[s.rates.length - 1];
  if (last && assumed.size > 0)
    lines.push(
      `<strong>Assumed</strong> for ${esc([...assumed].join(', '))}: equal to ${esc(last.quarter)} (not yet published), used by ${formatCount(s.overview.assumedRates!.entries)} entries' interest (${usd(s.overview.assumedRates!.interest)})`,
    );
  return lines;
}

function riskRows(r: ReportRisk, amountLabel: string, deadlineLabel: string): string {
  if (r.count === 0) return '<p class="none">None.</p>';
  const more = r.count > r.entries.length ? ` (the first ${r.entries.length} listed)` : '';
  return table(
    `${formatCount(r.count)} entries, ${formatUsd(r.amount)} ${amountLabel}${more}`,
    ['Entry', 'IOR', 'Segment', 'Liquidated', deadlineLabel, 'Days left', amountLabel],
    r.entries.map((e) => [
      `<span class="mono">${esc(formatEntryNumber(e.entryNumber))}</span>`,
      esc(e.importerName || e.importerNumber),
      esc(SEGMENT_LABELS[e.segment]),
      esc(e.liquidationDate),
      `<strong>${esc(e.deadline)}</strong>`,
      formatCount(e.daysLeft),
      usd(e.amount),
    ]),
    [false, false, false, false, false, true, true],
  );
}

/** The money cells of the per-IOR table: an IOR's row, or the total row. */
function moneyCells(t: ReportTotals): string[] {
  return [
    formatCount(t.declared.count),
    usd(t.declared.principal),
    usd(t.declared.interest),
    `<strong>${usd(t.declared.refund)}</strong>`,
    usd(t.awaiting.refund),
    usd(t.paid.paid),
  ];
}

function iorRow(r: ReportIor): string[] {
  return [
    `<span class="mono">${esc(r.importerNumber || '(none)')}</span>`,
    esc(r.importerName),
    ...moneyCells(r),
    esc(ACH_LABELS[r.achEnrolled]),
  ];
}

/** The report's body markup (no <html>, no styles): escaped, self-contained. */
export function reportBody(c: ReportContext): string {
  const { snapshot: s, report: r } = c;
  const a = s.assumptions;
  const pack = s.rulepack;
  const declaredSegments = segmentNames((seg) => isDeclared(seg, a.includeDeferred), '+');
  const files = s.files.map((f) => [
    esc(f.name),
    esc(FILE_KIND_LABELS[f.report.kind]),
    formatCount(f.size),
    f.sha256 ? `<span class="mono hash">${esc(f.sha256)}</span>` : '<em>not recorded</em>',
  ]);
  const cash = r.cashByMonth.map((m) => [
    esc(m.month),
    formatCount(m.entries),
    usd(m.refund - m.filedRefund),
    usd(m.filedRefund),
    usd(m.refund),
  ]);
  const cashTotal = r.cashByMonth.reduce((n, m) => n + m.refund, 0);
  const cashFiled = r.cashByMonth.reduce((n, m) => n + m.filedRefund, 0);
  return [
    `<header class="report-head"><h1>${esc(reportTitle(c))}</h1>`,
    `<p class="asof">Filing date <strong data-report="filing-date">${esc(r.filingDate)}</strong> · rule pack <strong data-report="rulepack-version">${esc(pack.version)}</strong> (as of ${esc(pack.asOf)}) · workspace ${esc(s.workspaces.list.find((w) => w.id === s.workspaces.open)?.name ?? '')} · prepared ${esc(c.printedAt)}</p></header>`,
    `<section class="figures">`,
    `<div class="headline"><div class="label">Refund to declare (principal + interest)</div><div class="big" data-report="total">${usd(r.declared.refund)}</div>`,
    `<div class="sub">${usd(r.declared.principal)} IEEPA duty + ${usd(r.declared.interest)} interest to the projected (re)liquidation date · ${formatCount(r.declared.count)} entries (${esc(declaredSegments)}), not yet filed</div></div>`,
    `<dl class="after"><div><dt>Filed</dt><dd>${usd(r.filed.refund)}</dd><dd class="n">${formatCount(r.filed.count)} entries (estimated refund)</dd></div>`,
    `<div><dt>Awaiting payment</dt><dd>${usd(r.awaiting.refund)}</dd><dd class="n">${formatCount(r.awaiting.count)} entries</dd></div>`,
    `<div><dt>Paid</dt><dd>${usd(r.paid.paid)}</dd><dd class="n">${formatCount(r.paid.count)} entries (as paid)</dd></div></dl>`,
    `</section>`,
    `<section><h2>Assumptions in force</h2><ul class="facts">`,
    `<li>Filing date (the day CAPE is expected to accept the declaration): <strong>${esc(a.filingDate)}</strong></li>`,
    `<li>Taxpayer type for interest: <strong>${TAXPAYER[a.defaultTaxpayer]}</strong> (IORs without their own setting on the client list)</li>`,
    `<li>DEFERRED entries: <strong>${a.includeDeferred ? 'included' : 'left out'}</strong> of declarations and the total</li>`,
    `<li>Overpayment interest rates (% a year):<ul>${rateLines(s)
      .map((l) => `<li>${l}</li>`)
      .join('')}</ul></li>`,
    `<li>Rule pack <strong>${esc(pack.version)}</strong>, as of ${esc(pack.asOf)} (${pack.origin === 'built-in' ? 'built in' : `loaded from ${esc(pack.fileName ?? '')}`}), SHA-256 <span class="mono hash" data-report="rulepack-sha256">${esc(pack.sha256)}</span></li>`,
    `</ul></section>`,
    `<section><h2>Input files</h2>${table('Every file the figures rest on, with the SHA-256 of its exact bytes', ['File', 'Kind', 'Bytes', 'SHA-256'], files, [false, false, true, false])}</section>`,
    `<section><h2>Expected cash by month</h2>${
      cash.length === 0
        ? '<p class="none">No payment expected.</p>'
        : table(
            'By the month of the payment-by date (projected (re)liquidation date + CBP’s payment window)',
            ['Month', 'Entries', 'To declare', 'Filed, awaiting', 'Total'],
            cash,
            [false, true, true, true, true],
            ['Total', '', usd(cashTotal - cashFiled), usd(cashFiled), usd(cashTotal)],
          )
    }</section>`,
    `<section><h2>Risks</h2>`,
    `<h3>Entries nearing CAPE’s ${esc(s.overview.ruleTexts.capeWindow)}</h3>${riskRows(r.nearLimit, 'refund', 'CAPE last day')}`,
    `<h3>Protest deadlines in the next ${r.protests.lookaheadDays} days</h3>${riskRows(r.protests, 'IEEPA duty', 'Protest by')}`,
    `<h3>IORs whose refund has no confirmed ACH recipient</h3>${
      r.paymentRisks.length === 0
        ? '<p class="none">None: every IOR with money to come is enrolled for ACH refunds.</p>'
        : table(
            `${formatCount(r.paymentRisks.length)} IORs`,
            ['IOR', 'Importer', 'Form 4811 designee', 'ACH', 'To declare', 'Awaiting', 'What to do'],
            r.paymentRisks.map((x) => [
              `<span class="mono">${esc(x.importerNumber)}</span>`,
              esc(x.importerName),
              esc(x.designee || 'none'),
              esc(ACH_LABELS[x.achEnrolled]),
              usd(x.declared.refund),
              usd(x.awaiting.refund),
              esc(x.paymentWarnings.join(' ')),
            ]),
            [false, false, false, false, true, true, false],
          )
    }</section>`,
    `<section class="by-ior"><h2>By IOR</h2>${table(
      'Refund to declare, filed awaiting payment, and paid, by importer of record',
      [
        'IOR',
        'Importer',
        'Entries to declare',
        'IEEPA duty',
        'Interest',
        'Refund to declare',
        'Awaiting',
        'Paid',
        'ACH',
      ],
      r.byIor.map(iorRow),
      [false, false, true, true, true, true, true, true, false],
      ['Total', '', ...moneyCells(r), ''],
    )}</section>`,
    `<footer class="report-foot">Estimates by CAPE Prep from the files above, under the rules and assumptions stated. CBP decides the refund; interest runs to the projected (re)liquidation date.</footer>`,
  ].join('');
}

/** The download: one HTML file with its styles inside, no script, nothing fetched. */
export function reportDocument(c: ReportContext, css: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(reportTitle(c))}</title><style>${css}</style></head><body><article class="report">${reportBody(c)}</article></body></html>`;
}
