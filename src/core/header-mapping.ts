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
  ],
  duty: [
    'line tariff duty amount',
    'line tariff amount',
    'duty amount',
    'duty paid',
    'duties paid',
    'calculated duty',
    'duty',
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
  ],
} as const;

export type RowField = keyof typeof ROW_FIELD_ALIASES;

/** The entry-number headers, for the files CBP gives back after filing too (lifecycle-headers.ts). */
export const ENTRY_NUMBER_ALIASES: readonly string[] = ROW_FIELD_ALIASES.entry_number;
export type Field = RowField | AttributeField;

export const REQUIRED_FIELDS: readonly Field[] = ['entry_number', 'hts', 'duty', 'entry_date'];

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

export function normaliseHeader(raw: string): string {
  return raw
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_\-—–]+/g, ' ')
    .replace(/\s*\((usd|\$)\)$/, '')
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

/** What a header row is: an ES-003 line file, an entry-status file, or neither (null). */
export function classifyMapping(m: ColumnMapping): FileKind | null {
  if (REQUIRED_FIELDS.every((f) => m.columns[f] !== undefined)) return 'es003';
  if (
    m.columns.entry_number !== undefined &&
    m.columns.hts === undefined &&
    STATUS_FIELDS.some((f) => m.columns[f] !== undefined)
  )
    return 'status';
  return null;
}

export function missingRequired(m: ColumnMapping): Field[] {
  return REQUIRED_FIELDS.filter((f) => m.columns[f] === undefined);
}
