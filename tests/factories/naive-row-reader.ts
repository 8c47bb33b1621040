/**
 * A plain reference for the row reader (workers/ingest/row-reader.ts), the oracle of its property
 * test: every cell of every row read and parsed afresh, all rows in one pass, no runs, skips, memos
 * or digit fast paths, and the attributes stated field by field here rather than taken from core's
 * attribute table. Only the value parsers of src/core (tested on their own), the totals pattern and
 * the problem messages are shared.
 */
import {
  htsDigits,
  ieepaColumnHts,
  isOpenProtest,
  normaliseEntryType,
  parseFlag,
  parseLiquidationStatus,
  parsePresence,
  parseSummaryStatus,
  unwrapExcelText,
} from '../../src/core/cell-values';
import { parseDateCell } from '../../src/core/dates';
import { entryCode, normaliseEntryNumber } from '../../src/core/entry-number';
import { type ColumnMapping, type Field, type FileKind, normaliseHeader } from '../../src/core/header-mapping';
import { parseMoneyCents } from '../../src/core/money';
import { PROBLEM, type ReaderCounts, SUMMARY_ROW } from '../../workers/ingest/row-reader';
import type { RowProblem } from '../../workers/store/pages';

/** A stored row: entry code, line, ordinal, HTS, duty cents, goods value cents (NaN: none or bad row), source row, bad. */
export type ReadRow = [number, number, number, string, number, number, number, number];

/** An entry's attributes as stated by the file: by field, only those stated; and whether a row of it had a problem. */
export interface ReadEntry {
  code: number;
  values: Partial<Record<Field, string | number | boolean>>;
  bad: boolean;
}

export interface ReadResult {
  counts: ReaderCounts;
  problems: RowProblem[];
  rows: ReadRow[];
  /** In order of first appearance. */
  entries: ReadEntry[];
}

/** What each entry-level field makes of a cleaned, non-blank cell: a value, or null for nothing. */
function entryValue(field: Field, header: string, cell: string): string | number | boolean | null | 'bad date' {
  switch (field) {
    case 'importer_number':
    case 'importer_name':
    case 'country_of_origin':
    case 'port':
      return cell;
    case 'entry_type':
      return normaliseEntryType(cell);
    case 'entry_date':
    case 'entry_summary_date':
    case 'liquidation_date': {
      const d = parseDateCell(unwrapExcelText(cell));
      return d === 'invalid' ? 'bad date' : d === 'blank' ? null : d;
    }
    case 'liquidation_status': {
      const s = parseLiquidationStatus(cell);
      return s === 'unknown' ? null : s;
    }
    case 'summary_status':
      return parseSummaryStatus(cell);
    case 'protest_status':
      return isOpenProtest(cell);
    case 'adcvd_flag':
      return /case|number/.test(normaliseHeader(header)) ? parsePresence(cell) : parseFlag(cell);
    case 'reconciliation_flag':
    case 'recon_09_filed':
    case 'drawback_flag':
    case 'surety_paid':
      return parseFlag(cell);
    default:
      return null;
  }
}

/** The cell without Excel's `="…"` wrapper, trimmed when it starts or ends with a control character or space. */
function clean(raw: string | undefined): string {
  if (raw === undefined) return '';
  const c = unwrapExcelText(raw);
  return /^[\0- ]|[\0- ]$/.test(c) ? c.trim() : c;
}

const LINE_FIELDS = new Set<Field>([
  'entry_number',
  'hts',
  'duty',
  'ieepa_duty',
  'goods_value',
  'line_number',
  'tariff_ordinal',
]);

/** Read `rows` (the file's data rows, the first on spreadsheet row `firstRow`) as the row reader must. */
export function naiveRead(
  headers: readonly string[],
  mapping: ColumnMapping,
  kind: FileKind,
  rows: readonly (readonly string[])[],
  firstRow: number,
): ReadResult {
  const col = mapping.columns;
  const counts: ReaderCounts = { rows: 0, summaryRows: 0, blankRows: 0, droppedRows: 0, problemRows: 0 };
  const problems: RowProblem[] = [];
  const out: ReadRow[] = [];
  const entries = new Map<number, ReadEntry>();
  const entryFields = (Object.keys(col) as Field[]).filter((f) => !LINE_FIELDS.has(f));
  // A per-line IEEPA duty column: each row's amount a row of its own, kept unless a 9903.01/9903.02 row has duty.
  const fromColumn: ReadRow[] = [];
  let chapter99Duty = false;

  rows.forEach((row, r) => {
    const rowNo = firstRow + r;
    let bad = false;
    const problem = (field: Field, value: string, message: string) => {
      bad = true;
      const i = col[field];
      problems.push({ row: rowNo, column: i === undefined ? field : (headers[i] ?? field), value, message });
    };
    const money = (field: Field, raw: string): number => {
      const m = parseMoneyCents(unwrapExcelText(raw));
      if (m === 'invalid') problem(field, raw, PROBLEM.badAmount);
      return m === 'invalid' || m === 'blank' ? 0 : m;
    };
    const integer = (field: Field): number => {
      const i = col[field];
      const s = i === undefined ? '' : clean(row[i]);
      return /^\d{1,9}(\.0+)?$/.test(s) ? Math.trunc(Number(s)) : -1;
    };

    const entryCell = row[col.entry_number!];
    const entryText = clean(entryCell);
    if (entryText === '' || SUMMARY_ROW.test(entryText)) {
      if (row.every((c) => c.trim() === '')) counts.blankRows++;
      else counts.summaryRows++;
      return;
    }
    const entryNumber = normaliseEntryNumber(entryText);
    if (entryNumber === null) {
      problem('entry_number', entryCell ?? '', PROBLEM.badEntryNumber);
      counts.droppedRows++;
      counts.problemRows++;
      return;
    }
    const code = entryCode(entryNumber);
    let entry = entries.get(code);
    if (!entry) entries.set(code, (entry = { code, values: {}, bad: false }));

    if (kind === 'es003' && row.length < headers.length) {
      const cut = (['hts', 'duty', 'entry_date'] as const).find((f) => col[f] !== undefined && col[f] >= row.length);
      if (cut) problem(cut, '', PROBLEM.shortRow(row.length, headers.length));
    }
    for (const field of entryFields) {
      const raw = row[col[field]!] ?? '';
      const cell = clean(raw);
      if (cell === '') continue;
      const v = entryValue(field, headers[col[field]!] ?? field, cell);
      if (v === 'bad date') problem(field, raw, PROBLEM.badDate);
      else if (v !== null) entry.values[field] = v;
    }
    if (kind === 'es003') {
      const hts = htsDigits(clean(row[col.hts!] ?? ''));
      const dutyCell = col.duty === undefined ? undefined : row[col.duty];
      const duty = dutyCell === undefined ? 0 : money('duty', dutyCell);
      const ieepaCell = col.ieepa_duty === undefined ? undefined : row[col.ieepa_duty];
      const ieepa = ieepaCell === undefined ? 0 : money('ieepa_duty', ieepaCell);
      const valueCell = col.goods_value === undefined ? undefined : row[col.goods_value];
      const value = valueCell === undefined || clean(valueCell) === '' ? NaN : money('goods_value', valueCell);
      counts.rows++;
      const line = integer('line_number');
      const ordinal = integer('tariff_ordinal');
      out.push([code, line, ordinal, hts, duty, bad ? NaN : value, rowNo, bad ? 1 : 0]);
      if (col.ieepa_duty !== undefined) {
        if (duty > 0 && (hts.startsWith('990301') || hts.startsWith('990302'))) chapter99Duty = true;
        if (ieepa !== 0 && !bad) fromColumn.push([code, line, ordinal, ieepaColumnHts(hts), ieepa, NaN, rowNo, 0]);
      }
    }
    if (bad) {
      counts.problemRows++;
      entry.bad = true;
    }
  });
  if (!chapter99Duty) out.push(...fromColumn);
  return { counts, problems, rows: out, entries: [...entries.values()] };
}
