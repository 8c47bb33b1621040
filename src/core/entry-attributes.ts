/**
 * The entry attributes an ES-003 or entry-status file states, each described once: the input field
 * and its header aliases, the stored column, the kind, the cell parser and the EntryFacts key it
 * fills. Header mapping, the stored attribute pages, the row reader's cells, the accumulator, the
 * entry table's merge and EntryFacts all derive from this table (CONTRIBUTING.md: adding a column).
 *
 * Kinds, and what an absent value reads as in the facts:
 * - text: the cleaned cell as written (or normalised by `parse`); absent ''.
 * - day: a date cell (parseDateCell; a bad date is a row problem); absent null.
 * - code: one of `codes`; absent `absent` (a cell parsed to `absent` says nothing).
 * - flag: a yes/no bit; absent false.
 * In every kind a blank cell says nothing, so another file's value stands.
 *
 * IMPORTANT: attribute pages are stored in IndexedDB: keep `column` names, store a code by its
 * position in `codes` (append only), never reuse or renumber a flag `bit`.
 */
import {
  LIQUIDATION_STATUSES,
  SUMMARY_STATUSES,
  isOpenProtest,
  normaliseEntryType,
  parseFlag,
  parseLiquidationStatus,
  parsePresence,
  parseSummaryStatus,
} from './cell-values';
import type { DayNum } from './dates';

interface AttributeCommon {
  /** The input field (header-mapping.ts). */
  field: string;
  /** The column's header as messages and the mapping screen name it: ACE's ES-003 header, else a usual one. */
  header: string;
  /** Header aliases in priority order, normalised (normaliseHeader); the first is the ES-003 header. */
  aliases: readonly string[];
  /** The column in attribute pages and the entry table. */
  column: string;
  /** The EntryFacts key. */
  fact: string;
  /** An entry-status file may carry it (such a file is recognised by one of these). */
  inStatusFiles: boolean;
}

export type EntryAttribute = AttributeCommon &
  (
    | { kind: 'text'; parse: (cell: string) => string }
    | { kind: 'day' }
    | { kind: 'code'; codes: readonly string[]; absent: string; parse: (cell: string) => string }
    | {
        kind: 'flag';
        bit: number;
        parse: (cell: string) => boolean;
        /** A header this matches names a column of identifiers (case numbers): any real value is set. */
        identifierHeader?: RegExp;
      }
  );

const asWritten = (cell: string): string => cell;

export const ENTRY_ATTRIBUTES = [
  {
    field: 'entry_date',
    header: 'Entry Date',
    aliases: ['entry date', 'entry filing date', 'date of entry', 'import date'],
    column: 'entryDate',
    fact: 'entryDate',
    kind: 'day',
    inStatusFiles: false,
  },
  {
    field: 'entry_summary_date',
    header: 'Entry Summary Date',
    aliases: ['entry summary date', 'summary date', 'es date'],
    column: 'summaryDate',
    fact: 'entrySummaryDate',
    kind: 'day',
    inStatusFiles: false,
  },
  {
    // Two characters ('1' → '01'); absent is treated as 01 (entry-facts.ts).
    field: 'entry_type',
    header: 'Entry Type Code',
    aliases: ['entry type code', 'entry type', 'type'],
    column: 'entryType',
    fact: 'entryType',
    kind: 'text',
    parse: normaliseEntryType,
    inStatusFiles: false,
  },
  {
    field: 'importer_number',
    header: 'Importer Number',
    aliases: [
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
    column: 'importer',
    fact: 'importerNumber',
    kind: 'text',
    parse: asWritten,
    inStatusFiles: false,
  },
  {
    field: 'importer_name',
    header: 'Importer Name',
    aliases: ['importer name', 'importer of record name', 'ior name', 'importer', 'client'],
    column: 'importerName',
    fact: 'importerName',
    kind: 'text',
    parse: asWritten,
    inStatusFiles: false,
  },
  {
    field: 'country_of_origin',
    header: 'Country of Origin Code',
    aliases: ['country of origin code', 'country of origin', 'coo', 'origin', 'origin country'],
    column: 'country',
    fact: 'countryOfOrigin',
    kind: 'text',
    parse: asWritten,
    inStatusFiles: false,
  },
  {
    field: 'port',
    header: 'Port of Entry Code',
    aliases: ['port of entry code', 'port of entry', 'port code', 'port', 'entry port'],
    column: 'port',
    fact: 'port',
    kind: 'text',
    parse: asWritten,
    inStatusFiles: false,
  },
  {
    // Unrecognised status text parses to 'unknown': no status, so it does not override another file's.
    field: 'liquidation_status',
    header: 'Liquidation Status',
    aliases: ['liquidation status', 'liq status', 'entry liquidation status', 'liquidation status code'],
    column: 'liqStatus',
    fact: 'liquidationStatus',
    kind: 'code',
    codes: LIQUIDATION_STATUSES,
    absent: 'unknown',
    parse: parseLiquidationStatus,
    inStatusFiles: true,
  },
  {
    field: 'liquidation_date',
    header: 'Liquidation Date',
    aliases: ['liquidation date', 'liq date', 'liquidation dt'],
    column: 'liqDate',
    fact: 'liquidationDate',
    kind: 'day',
    inStatusFiles: true,
  },
  {
    field: 'reconciliation_flag',
    header: 'Reconciliation Indicator',
    aliases: ['reconciliation indicator', 'recon indicator', 'reconciliation flag', 'recon flag', 'reconciliation'],
    column: 'flags',
    fact: 'reconFlag',
    kind: 'flag',
    bit: 1,
    parse: parseFlag,
    inStatusFiles: true,
  },
  {
    field: 'recon_09_filed',
    header: 'Type 09 Filed',
    aliases: ['type 09 filed', '09 filed', 'recon 09 filed', 'type 09 entry filed', 'reconciliation entry filed'],
    column: 'flags',
    fact: 'recon09Filed',
    kind: 'flag',
    bit: 2,
    parse: parseFlag,
    inStatusFiles: true,
  },
  {
    field: 'drawback_flag',
    header: 'Drawback Designation',
    aliases: ['drawback', 'drawback designation', 'drawback flag', 'drawback indicator', 'drawback designated'],
    column: 'flags',
    fact: 'drawback',
    kind: 'flag',
    bit: 4,
    parse: parseFlag,
    inStatusFiles: true,
  },
  {
    field: 'protest_status',
    header: 'Protest Status',
    aliases: ['protest status', 'open protest'],
    column: 'flags',
    fact: 'openProtest',
    kind: 'flag',
    bit: 8,
    parse: isOpenProtest,
    inStatusFiles: true,
  },
  {
    field: 'summary_status',
    header: 'Entry Summary Status',
    aliases: ['entry summary status', 'summary status', 'es status'],
    column: 'summaryStatus',
    fact: 'summaryStatus',
    kind: 'code',
    codes: SUMMARY_STATUSES,
    absent: 'absent',
    parse: parseSummaryStatus,
    inStatusFiles: true,
  },
  {
    field: 'surety_paid',
    header: 'Surety Paid',
    aliases: ['surety paid', 'paid by surety', 'surety paid flag'],
    column: 'flags',
    fact: 'suretyPaid',
    kind: 'flag',
    bit: 16,
    parse: parseFlag,
    inStatusFiles: true,
  },
  {
    field: 'adcvd_flag',
    header: 'AD/CVD Case Number',
    aliases: [
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
    column: 'flags',
    fact: 'adcvdFlag',
    kind: 'flag',
    bit: 32,
    parse: parseFlag,
    identifierHeader: /case|number/,
    inStatusFiles: true,
  },
] as const satisfies readonly EntryAttribute[];

/** One row of the table, with its literal names and types. */
export type AttributeRow = (typeof ENTRY_ATTRIBUTES)[number];
type Row = AttributeRow;
export type AttributeField = Row['field'];
export type AttributeOfKind<K extends EntryAttribute['kind']> = Extract<Row, { kind: K }>;

/** The value an attribute gives the facts: text as a string, a day or null, one of its codes, a flag. */
type FactValue<A extends Row> = A extends { kind: 'text' }
  ? string
  : A extends { kind: 'day' }
    ? DayNum | null
    : A extends { kind: 'code'; codes: readonly (infer C)[] }
      ? C
      : boolean;

/** The attribute part of EntryFacts, one key per row. */
export type AttributeFacts = { [A in Row as A['fact']]: FactValue<A> };

/** The rows as the general shape, for code that handles every kind. */
export const ATTRIBUTES: readonly EntryAttribute[] = ENTRY_ATTRIBUTES;

const BY_FIELD = new Map<string, Row>(ENTRY_ATTRIBUTES.map((a) => [a.field, a]));

/** The attribute an input field fills, if it is one. */
export function attributeOf(field: string): Row | undefined {
  return BY_FIELD.get(field);
}

/** The cell parser of a flag under the file's (normalised) header: an identifier column counts any real value. */
export function flagParser(
  a: Extract<EntryAttribute, { kind: 'flag' }>,
  normalisedHeader: string,
): (cell: string) => boolean {
  return a.identifierHeader?.test(normalisedHeader) ? parsePresence : a.parse;
}

/** What every attribute reads as when no file states it. */
export function absentFacts(): AttributeFacts {
  const f: Record<string, unknown> = {};
  for (const a of ATTRIBUTES) {
    switch (a.kind) {
      case 'text':
        f[a.fact] = '';
        break;
      case 'day':
        f[a.fact] = null;
        break;
      case 'code':
        f[a.fact] = a.absent;
        break;
      case 'flag':
        f[a.fact] = false;
        break;
    }
  }
  return f as AttributeFacts;
}
