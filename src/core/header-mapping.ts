/**
 * Map export headers to canonical fields (SPEC §2; aliases from reference/ace-reports.md §11).
 * Headers match case-insensitively after collapsing spaces, `_`, `-`, `—`, `–`.
 */

export const FIELDS = [
  'entry_number',
  'hts',
  'duty',
  'entry_date',
  'line_number',
  'tariff_ordinal',
  'goods_value',
  'entry_summary_date',
  'entry_type',
  'importer_number',
  'importer_name',
  'country_of_origin',
  'port',
  'liquidation_status',
  'liquidation_date',
  'reconciliation_flag',
  'recon_09_filed',
  'drawback_flag',
  'protest_status',
  'summary_status',
  'surety_paid',
  'adcvd_flag',
] as const;
export type Field = (typeof FIELDS)[number];

export const REQUIRED_FIELDS: readonly Field[] = ['entry_number', 'hts', 'duty', 'entry_date'];

/** Entry-level status fields an entry-status file may carry. */
export const STATUS_FIELDS: readonly Field[] = [
  'liquidation_status',
  'liquidation_date',
  'reconciliation_flag',
  'recon_09_filed',
  'drawback_flag',
  'protest_status',
  'summary_status',
  'surety_paid',
  'adcvd_flag',
];

/** Aliases in priority order; the first is the ES-003 header. All in normalised form. */
const ALIASES: Record<Field, string[]> = {
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
  entry_date: ['entry date', 'entry filing date', 'date of entry', 'import date'],
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
  entry_summary_date: ['entry summary date', 'summary date', 'es date'],
  entry_type: ['entry type code', 'entry type', 'type'],
  importer_number: [
    'importer number',
    'importer of record number',
    'ior number',
    'ior',
    'ior #',
    'ior no',
    'importer no',
    'importer id',
    'irs number',
  ],
  importer_name: ['importer name', 'importer of record name', 'ior name', 'importer', 'client'],
  country_of_origin: ['country of origin code', 'country of origin', 'coo', 'origin', 'origin country'],
  port: ['port of entry code', 'port of entry', 'port code', 'port', 'entry port'],
  liquidation_status: ['liquidation status', 'liq status', 'entry liquidation status', 'liquidation status code'],
  liquidation_date: ['liquidation date', 'liq date', 'liquidation dt'],
  reconciliation_flag: [
    'reconciliation indicator',
    'recon indicator',
    'reconciliation flag',
    'recon flag',
    'reconciliation',
  ],
  recon_09_filed: ['type 09 filed', '09 filed', 'recon 09 filed', 'type 09 entry filed', 'reconciliation entry filed'],
  drawback_flag: ['drawback', 'drawback designation', 'drawback flag', 'drawback indicator', 'drawback designated'],
  protest_status: ['protest status', 'open protest'],
  summary_status: ['entry summary status', 'summary status', 'es status'],
  surety_paid: ['surety paid', 'paid by surety', 'surety paid flag'],
  adcvd_flag: [
    'ad/cvd',
    'adcvd',
    'ad cvd',
    'ad/cvd flag',
    'adcvd flag',
    'ad/cvd indicator',
    'ad/cvd case number',
    'adcvd case number',
    'ad cvd case number',
  ],
};

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
  ALIASES[field].forEach((alias, priority) => {
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
  /** True when the adcvd column holds case numbers rather than Y/N flags. */
  adcvdIsCaseNumber: boolean;
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
  const adcvdIndex = columns.adcvd_flag;
  const adcvdIsCaseNumber = adcvdIndex !== undefined && /case|number/.test(normaliseHeader(headers[adcvdIndex]!));
  return { columns, recognised, unmapped, adcvdIsCaseNumber };
}

export type FileKind = 'es003' | 'status';

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
