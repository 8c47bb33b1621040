/**
 * The client list as a CSV file: one row per IOR with its name, taxpayer type, Form 4811 designee,
 * ACH refund enrollment and whether you may file for it. Written by `clientListCsv`; read back (or
 * from a spreadsheet a broker keeps) by `clientsFromRecords`, which names every cell it cannot take.
 */
import { importerKey } from './cell-values';
import { CSV_EOL, csvCell } from './entries-csv';
import type { AchEnrollment, ClientIor, ClientTaxpayer } from './profile';

interface Column<K extends keyof ClientIor> {
  field: K;
  header: string;
  /** Header spellings accepted on reading (lower case, single spaces). */
  aliases: string[];
  write(value: ClientIor[K]): string;
  /** The value of a non-blank cell (trimmed, and `lower`: lower case, single spaces); null when it cannot be read. */
  read(cell: string, lower: string): ClientIor[K] | null;
  blank: ClientIor[K];
  expected: string;
}

const yesNo = (cell: string): boolean | null =>
  /^(yes|y|true|1)$/.test(cell) ? true : /^(no|n|false|0)$/.test(cell) ? false : null;

const TAXPAYER: Record<string, ClientTaxpayer> = {
  corporate: 'corporate',
  'non-corporate': 'non_corporate',
  non_corporate: 'non_corporate',
  noncorporate: 'non_corporate',
  'non corporate': 'non_corporate',
  default: 'default',
};

const COLUMNS = [
  {
    field: 'importerNumber',
    header: 'IOR',
    aliases: ['ior', 'ior number', 'importer number', 'importer of record', 'importer of record number'],
    write: (v: string) => v,
    read: (cell: string) => (importerKey(cell) === '' ? null : cell),
    blank: '',
    expected: 'an IOR number, e.g. 12-3456789-00',
  } satisfies Column<'importerNumber'>,
  {
    field: 'name',
    header: 'Name',
    aliases: ['name', 'importer name', 'importer of record name', 'client'],
    write: (v: string) => v,
    read: (cell: string) => cell,
    blank: '',
    expected: 'any text',
  } satisfies Column<'name'>,
  {
    field: 'taxpayerType',
    header: 'Taxpayer type',
    aliases: ['taxpayer type', 'taxpayer'],
    write: (v: ClientTaxpayer) => (v === 'non_corporate' ? 'non-corporate' : v === 'default' ? '' : v),
    read: (_cell: string, lower: string) => TAXPAYER[lower] ?? null,
    blank: 'default',
    expected: 'corporate, non-corporate, or blank for the default of the Assumptions',
  } satisfies Column<'taxpayerType'>,
  {
    field: 'designee',
    header: 'Form 4811 designee',
    aliases: ['form 4811 designee', 'designee', '4811 designee'],
    write: (v: string) => v,
    read: (cell: string) => cell,
    blank: '',
    expected: 'a name or IR number, or blank',
  } satisfies Column<'designee'>,
  {
    field: 'achEnrolled',
    header: 'ACH enrolled',
    aliases: ['ach enrolled', 'ach refund enrolled', 'ach'],
    write: (v: AchEnrollment) => v,
    read: (_cell: string, lower: string): AchEnrollment | null => {
      if (lower === 'unknown') return 'unknown';
      const b = yesNo(lower);
      return b === null ? null : b ? 'yes' : 'no';
    },
    blank: 'unknown',
    expected: 'yes, no or unknown',
  } satisfies Column<'achEnrolled'>,
  {
    field: 'authorized',
    header: 'May file',
    aliases: ['may file', 'authorized', 'authorised'],
    write: (v: boolean) => (v ? 'yes' : 'no'),
    read: (_cell: string, lower: string) => yesNo(lower),
    blank: true,
    expected: 'yes or no (blank: yes)',
  } satisfies Column<'authorized'>,
] as const;

export const CLIENT_LIST_HEADERS: readonly string[] = COLUMNS.map((c) => c.header);

export function clientListCsv(clients: readonly ClientIor[]): string {
  const rows = clients.map((c) =>
    COLUMNS.map((col) => csvCell((col.write as (v: unknown) => string)(c[col.field]))).join(','),
  );
  return [CLIENT_LIST_HEADERS.join(','), ...rows].join(CSV_EOL) + CSV_EOL;
}

/** A cell the client list cannot take: its row as a spreadsheet numbers it (1 = the header). */
export interface ClientListProblem {
  row: number;
  column: string;
  value: string;
  message: string;
}

export type ClientListRead =
  { kind: 'clients'; clients: ClientIor[] } | { kind: 'problems'; problems: ClientListProblem[] };

const normalise = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** The client list from CSV records (the first non-blank record is the header); nothing when any cell is wrong. */
export function clientsFromRecords(records: readonly (readonly string[])[]): ClientListRead {
  const headerAt = records.findIndex((r) => r.some((c) => c.trim() !== ''));
  const header = (records[headerAt] ?? []).map(normalise);
  const at = COLUMNS.map((col) => header.findIndex((h) => (col.aliases as readonly string[]).includes(h)));
  if (at[0] === -1)
    return {
      kind: 'problems',
      problems: [
        {
          row: headerAt + 1,
          column: 'IOR',
          value: (records[headerAt] ?? []).join(','),
          message: `No IOR column: the first row must name the columns (${CLIENT_LIST_HEADERS.join(', ')}).`,
        },
      ],
    };
  const clients: ClientIor[] = [];
  const problems: ClientListProblem[] = [];
  const seen = new Map<string, number>();
  for (let r = headerAt + 1; r < records.length; r++) {
    const record = records[r]!;
    if (record.every((c) => c.trim() === '')) continue;
    const client: Record<string, unknown> = {};
    COLUMNS.forEach((col, k) => {
      const raw = at[k] === -1 ? '' : (record[at[k]!] ?? '').trim();
      const value = raw === '' && col.field !== 'importerNumber' ? col.blank : col.read(raw, normalise(raw));
      if (value === null) {
        problems.push({ row: r + 1, column: col.header, value: raw, message: `Expected ${col.expected}.` });
      } else client[col.field] = value;
    });
    const key = importerKey(String(client.importerNumber ?? ''));
    if (key !== '' && seen.has(key))
      problems.push({
        row: r + 1,
        column: 'IOR',
        value: String(client.importerNumber),
        message: `Listed twice (also on row ${seen.get(key)}).`,
      });
    seen.set(key, r + 1);
    clients.push(client as unknown as ClientIor);
  }
  return problems.length > 0 ? { kind: 'problems', problems } : { kind: 'clients', clients };
}
