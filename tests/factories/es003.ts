/** Small ES-003 fixtures as text, and helpers to turn them into Files in any encoding. */

export const HEADER = [
  'Entry Summary Number',
  'Entry Type Code',
  'Importer Number',
  'Importer Name',
  'Entry Date',
  'Entry Summary Date',
  'Entry Summary Line Number',
  'Tariff Ordinal Number',
  'HTS Number - Full',
  'Line Tariff Goods Value Amount',
  'Line Tariff Duty Amount',
  'Liquidation Status',
  'Liquidation Date',
];

export interface RowSpec {
  entry: string;
  type?: string;
  importer?: string;
  name?: string;
  entryDate?: string;
  summaryDate?: string;
  line?: number;
  ordinal?: number;
  hts: string;
  value?: string;
  duty: string;
  status?: string;
  liqDate?: string;
}

export function row(r: RowSpec): string[] {
  return [
    r.entry,
    r.type ?? '01',
    r.importer ?? '12-3456789-00',
    r.name ?? 'Acme Imports, LLC',
    r.entryDate ?? '06/02/2025',
    r.summaryDate ?? '06/12/2025',
    String(r.line ?? 1),
    String(r.ordinal ?? 1),
    r.hts,
    r.value ?? '0',
    r.duty,
    r.status ?? 'Unliquidated',
    r.liqDate ?? '',
  ];
}

export function csvText(rows: string[][], opts: { delimiter?: string; eol?: string; header?: string[] } = {}): string {
  const d = opts.delimiter ?? ',';
  const eol = opts.eol ?? '\r\n';
  const quote = (c: string) => (c.includes(d) || /["\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return [opts.header ?? HEADER, ...rows].map((r) => r.map(quote).join(d)).join(eol) + eol;
}

/** An entry: one commodity row and one IEEPA row of $1,000.00 duty. */
export function simpleEntry(entry: string, extra: Partial<RowSpec> = {}): string[][] {
  return [
    row({ entry, line: 1, ordinal: 1, hts: '99030125', value: '0', duty: '1000.00', ...extra }),
    row({ entry, line: 1, ordinal: 2, hts: '8471300100', value: '10000.00', duty: '0', ...extra }),
  ];
}

export function utf16(text: string, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = bigEndian ? 0xfe : 0xff;
  out[1] = bigEndian ? 0xff : 0xfe;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + 2 * i] = bigEndian ? c >> 8 : c & 0xff;
    out[3 + 2 * i] = bigEndian ? c & 0xff : c >> 8;
  }
  return out;
}

export function fileOf(content: string | Uint8Array, name = 'es003.csv'): File {
  return new File([content as BlobPart], name, { type: 'text/csv' });
}

/** `file` whose bytes arrive only after `release()`: an import of it waits mid-read until then. */
export function heldFile(file: File): { file: File; release: () => void } {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const held = Object.assign(file, {
    stream: () =>
      new ReadableStream<Uint8Array>({
        async start(c) {
          await gate;
          c.enqueue(new Uint8Array(await file.arrayBuffer()));
          c.close();
        },
      }),
  });
  return { file: held, release };
}
