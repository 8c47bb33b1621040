/**
 * Map export headers to canonical fields (SPEC §2; aliases from reference/ace-reports.md §11): the
 * row fields here, the entry attributes in entry-attributes.ts. Headers match case-insensitively
 * after collapsing spaces, `_`, `-`, `—`, `–`.
 */
import { type AttributeField, ENTRY_ATTRIBUTES } from './entry-attributes';

/** Fields of every row, read by the row reader itself (the entry number keys the row), with their aliases. */
const ROW_FIELD_ALIASES = {
  entry_number: [
    'entry summary number',
    'entry number',
    'entry no',
    'entry no.',
    'entry #',
    'entry nbr',
    'entry',
    'entry summary no',
    'entry summary no.',
    'esn',
    'filer code/entry no',
    'filer code / entry no',
    'filer code/entry no (1)',
    'filer code / entry no (1)',
    'entry summary #',
    'entry num',
    'entry id',
    'cbp entry number',
    'customs entry number',
    'entry number (esn)',
  ],
  hts: [
    'hts number full',
    'hts number',
    'hts code',
    'hts',
    'htsus no',
    'htsus number',
    'hts no',
    'tariff number',
    'tariff code',
    'hts subheading',
    'harmonized tariff number',
    'classification',
    'htsus',
    'htsus code',
    'hts number (full)',
    'hts no.',
    'hts #',
    'hts classification',
    'hts 10',
    'tariff no',
    'tariff no.',
    'tariff classification',
    'harmonized code',
    'harmonized tariff code',
    'harmonized tariff schedule number',
  ],
  duty: [
    'line tariff duty amount',
    'line tariff amount',
    'duty amount',
    'duty paid',
    'duties paid',
    'calculated duty',
    'duty',
    'duty amt',
    'duty paid amount',
    'duty amount paid',
    'tariff duty amount',
    'line tariff duty',
  ],
  ieepa_duty: [
    'ieepa duty amount',
    'ieepa duty',
    'ieepa duty paid',
    'ieepa duties',
    'ieepa duty amt',
    'ieepa tariff amount',
    'ieepa tariff duty amount',
    'paid duty ieepa',
  ],
  line_number: [
    'entry summary line number',
    'line number',
    'line no',
    'line no.',
    'line #',
    'line',
    'line item number',
    'entry line',
  ],
  tariff_ordinal: ['tariff ordinal number', 'tariff ordinal', 'ordinal', 'hts sequence'],
  goods_value: [
    'line tariff goods value amount',
    'line goods value amount',
    'goods value',
    'goods value amount',
    'entered value',
    'line entered value',
    'customs value',
    'dutiable value',
    'value',
    'total entered value',
    'line value',
  ],
} as const;

/**
 * The headers messages and the mapping screen name the row fields by: ACE's ES-003 header (the
 * IEEPA duty column has none: a broker export's usual one).
 */
const ROW_FIELD_HEADERS: Record<keyof typeof ROW_FIELD_ALIASES, string> = {
  entry_number: 'Entry Summary Number',
  hts: 'HTS Number - Full',
  duty: 'Line Tariff Duty Amount',
  ieepa_duty: 'IEEPA Duty Amount',
  line_number: 'Entry Summary Line Number',
  tariff_ordinal: 'Tariff Ordinal Number',
  goods_value: 'Line Tariff Goods Value Amount',
};

export type RowField = keyof typeof ROW_FIELD_ALIASES;

/** The entry-number headers, for the files CBP gives back after filing too (lifecycle-headers.ts). */
export const ENTRY_NUMBER_ALIASES: readonly string[] = ROW_FIELD_ALIASES.entry_number;
export type Field = RowField | AttributeField;

/** An ES-003 needs these; a per-line IEEPA duty column may stand in for the duty (IEEPA_STANDS_IN). */
export const REQUIRED_FIELDS: readonly Field[] = ['entry_number', 'hts', 'duty', 'entry_date'];

/** A broker export's per-line IEEPA duty column carries what an ES-003's Chapter 99 rows do: it stands in for the duty column. */
const IEEPA_STANDS_IN: Partial<Record<Field, Field>> = { duty: 'ieepa_duty' };

const ROW_FIELDS = Object.keys(ROW_FIELD_ALIASES) as RowField[];

/** Every field, in the order the mapping report lists them: the required ones, the other row fields, the other attributes. */
export const FIELDS: readonly Field[] = [
  ...REQUIRED_FIELDS,
  ...ROW_FIELDS.filter((f) => !REQUIRED_FIELDS.includes(f)),
  ...ENTRY_ATTRIBUTES.map((a) => a.field).filter((f) => !REQUIRED_FIELDS.includes(f)),
];

/** Fields read from every row except the entry number; the other columns repeat on an entry's rows. */
export const PER_ROW_FIELDS: readonly RowField[] = ROW_FIELDS.filter((f) => f !== 'entry_number');

/** Entry-level status fields an entry-status file may carry. */
export const STATUS_FIELDS: readonly Field[] = ENTRY_ATTRIBUTES.filter((a) => a.inStatusFiles).map((a) => a.field);

/** Aliases in priority order; the first is the ES-003 header. All in normalised form. */
const ALIASES = new Map<Field, readonly string[]>([
  ...Object.entries(ROW_FIELD_ALIASES).map(([f, aliases]) => [f as Field, aliases] as const),
  ...ENTRY_ATTRIBUTES.map((a) => [a.field, a.aliases] as const),
]);

/**
 * The header of a field as messages name it (ACE's ES-003 header where there is one); a field of a
 * file CBP gives back (lifecycle-headers.ts) is named as it is.
 */
export function fieldHeader(field: string): string {
  return field in ROW_FIELD_HEADERS
    ? ROW_FIELD_HEADERS[field as RowField]
    : (ENTRY_ATTRIBUTES.find((a) => a.field === field)?.header ?? fieldLabel(field));
}

/** Currency marks ending a header: `(USD)`, `($)`, ` USD`, ` $`. */
const CURRENCY_SUFFIX = /(\s*(\((usd|\$)\)|\busd|\$))+$/;

export function normaliseHeader(raw: string): string {
  return raw
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_\-—–]+/g, ' ')
    .trim()
    .replace(CURRENCY_SUFFIX, '')
    .trim();
}

const LOOKUP = new Map<string, { field: Field; priority: number }>();
for (const field of FIELDS) {
  ALIASES.get(field)!.forEach((alias, priority) => {
    if (!LOOKUP.has(alias)) LOOKUP.set(alias, { field, priority });
  });
}

export interface ColumnMapping {
  /** Column index of each recognised field. */
  columns: Partial<Record<Field, number>>;
  /** Headers that mapped, with their field. */
  recognised: { header: string; field: Field }[];
  /** Headers kept out of the way. */
  unmapped: string[];
}

/** Columns chosen by the user for some fields (the mapping screen), by column index. */
export type ChosenColumns = Partial<Record<Field, number>>;

/** A header row's identity, under which a mapping the user chose is remembered: its normalised headers in order. */
export function headerSignature(headers: readonly string[]): string {
  return headers.map(normaliseHeader).join('\u001f');
}

/** The mapping of `headers` the user chose: their columns, in range and one field per column; other headers unmapped. */
export function chosenMapping(headers: readonly string[], chosen: ChosenColumns): ColumnMapping {
  const columns: Partial<Record<Field, number>> = {};
  const recognised: { header: string; field: Field }[] = [];
  const used = new Set<number>();
  for (const field of FIELDS) {
    const index = chosen[field];
    if (index === undefined || !Number.isInteger(index) || index < 0 || index >= headers.length || used.has(index))
      continue;
    columns[field] = index;
    used.add(index);
    recognised.push({ header: headers[index]!, field });
  }
  return { columns, recognised, unmapped: headers.filter((h, i) => !used.has(i) && h.trim() !== '') };
}

export function mapHeaders(headers: readonly string[]): ColumnMapping {
  const best = new Map<Field, { index: number; priority: number }>();
  headers.forEach((h, index) => {
    const hit = LOOKUP.get(normaliseHeader(h));
    if (!hit) return;
    const prev = best.get(hit.field);
    if (!prev || hit.priority < prev.priority) best.set(hit.field, { index, priority: hit.priority });
  });
  const columns: Partial<Record<Field, number>> = {};
  const recognised: { header: string; field: Field }[] = [];
  const used = new Set<number>();
  for (const field of FIELDS) {
    const b = best.get(field);
    if (!b) continue;
    columns[field] = b.index;
    used.add(b.index);
    recognised.push({ header: headers[b.index]!, field });
  }
  const unmapped = headers.filter((h, i) => !used.has(i) && h.trim() !== '');
  return { columns, recognised, unmapped };
}

/** ES-003 line files and entry-status files (mapped here), CAPE results and refund/payment files (lifecycle-headers.ts). */
export type FileKind = 'es003' | 'status' | 'results' | 'payments';

/** A field as people read it: `entry_number` → "Entry number" (the code stays in files and the mapping's title). */
export function fieldLabel(field: string): string {
  const words = field.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What each kind of file is, as the screens and the report name it. */
export const FILE_KIND_LABELS: Record<FileKind, string> = {
  es003: 'ES-003',
  status: 'entry-status file',
  results: 'CAPE results',
  payments: 'refund/payment file',
};

/** Headers that look like an HTS column or a duty column although no alias matched (for the real reason a file is refused). */
const HTS_LIKE = /\bhts|\btariff (number|no|code|class)|harmoni[sz]ed|\bclassification\b/;
const DUTY_LIKE = /\bdut(y|ies)\b/;

/** Whether the headers carry an HTS-like and a duty-like column: tariff lines, never an entry-status file. */
export function looksLikeLines(m: ColumnMapping): boolean {
  const hts = m.columns.hts !== undefined || m.unmapped.some((h) => HTS_LIKE.test(normaliseHeader(h)));
  const duty =
    m.columns.duty !== undefined ||
    m.columns.ieepa_duty !== undefined ||
    m.unmapped.some((h) => DUTY_LIKE.test(normaliseHeader(h)));
  return hts && duty;
}

/** The kinds of file whose columns map to ES-003 fields (the mapping screen chooses between them). */
export type MappedKind = Extract<FileKind, 'es003' | 'status'>;

/** A kind of file recognised by its header row. */
export interface FileKindRule {
  kind: MappedKind;
  matches(m: ColumnMapping): boolean;
}

/**
 * The kinds of file, tried in this order on a header row: the first that matches is the file's.
 * An ES-003 has its required columns; an entry-status file has an entry number and status
 * columns, and no tariff lines (a file with HTS- and duty-like columns is an ES-003 missing a
 * column, refused with that reason rather than read as statuses).
 */
export const FILE_KINDS: readonly FileKindRule[] = [
  { kind: 'es003', matches: (m) => missingRequired(m).length === 0 },
  {
    kind: 'status',
    matches: (m) =>
      m.columns.entry_number !== undefined &&
      m.columns.hts === undefined &&
      !looksLikeLines(m) &&
      STATUS_FIELDS.some((f) => m.columns[f] !== undefined),
  },
];

/** What a header row is: the first of FILE_KINDS it matches, or null. */
export function classifyMapping(m: ColumnMapping): MappedKind | null {
  return FILE_KINDS.find((k) => k.matches(m))?.kind ?? null;
}

/** The required fields a mapping lacks (the duty is there when a per-line IEEPA duty column stands in for it). */
export function missingRequired(m: ColumnMapping): Field[] {
  return REQUIRED_FIELDS.filter((f) => {
    const standIn = IEEPA_STANDS_IN[f];
    return m.columns[f] === undefined && (standIn === undefined || m.columns[standIn] === undefined);
  });
}
