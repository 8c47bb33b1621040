import { type Zippable, strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { CsvHeader, RecordBatch } from '../csv-records';
import { xlsxSource } from './xlsx-source';

/**
 * Hand-written workbook parts, zipped with the shared strings after the worksheet and some members
 * stored uncompressed: what Excel, LibreOffice and streaming writers produce beyond exceljs.
 */
const NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function workbook(
  sheetXml: string,
  opts: { date1904?: boolean; sharedStrings?: string[]; prefix?: string } = {},
): File {
  const sst = (opts.sharedStrings ?? []).map((s) => `<si>${s}</si>`).join('');
  const files: Zippable = {
    '[Content_Types].xml': strToU8('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    '_rels/.rels': strToU8(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="/xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `<workbook ${NS}><workbookPr date1904="${opts.date1904 ? 1 : 0}"/><sheets><sheet name="Main Report" sheetId="1" r:id="rId7"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="${REL}/worksheet" Target="worksheets/data.xml"/><Relationship Id="rId8" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId9" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ),
    'xl/styles.xml': [
      strToU8(
        `<styleSheet ${NS}><numFmts count="2"><numFmt numFmtId="164" formatCode="&quot;$&quot;#,##0.00"/><numFmt numFmtId="165" formatCode="00000000000"/></numFmts><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs></styleSheet>`,
      ),
      { level: 0 },
    ],
    'xl/worksheets/data.xml': strToU8(
      `<worksheet ${NS}><dimension ref="A1:B2"/><sheetData>${sheetXml}</sheetData></worksheet>`,
    ),
    'xl/sharedStrings.xml': [strToU8(`<sst ${NS}>${sst}</sst>`), { level: 0 }],
  };
  return new File([zipSync(files)], 'hand.xlsx');
}

const HEADER_CELLS = [
  'Entry Summary Number',
  'HTS Number - Full',
  'Line Tariff Duty Amount',
  'Entry Date',
  'Importer Name',
  'Reconciliation Indicator',
];

async function read(file: File): Promise<{ header: CsvHeader; batches: RecordBatch[]; layout: string; bytes: number }> {
  let bytes = 0;
  const source = await xlsxSource(
    file,
    (n) => (bytes = n),
    () => false,
  );
  if ('rejected' in source) throw new Error(source.rejected);
  let header: CsvHeader | null = null;
  const batches: RecordBatch[] = [];
  for await (const b of source.rows((h) => (header = h))) batches.push(b as RecordBatch);
  return { header: header!, batches, layout: source.layout(header!), bytes };
}

describe('reading worksheet XML', () => {
  it('places sparse cells by reference, numbers rows by <row r>, and converts each cell type', async () => {
    const sheet = [
      `<row r="2">${HEADER_CELLS.map((_, i) => `<c t="s"><v>${i}</v></c>`).join('')}</row>`,
      // Cell references skip B; D is a date serial; F a boolean; row 3 has no r and follows row 2.
      '<row><c r="A3" s="3"><v>6.0576069342E10</v></c><c r="C3" s="2"><v>1234.5599999999999</v></c><c r="D3" s="1"><v>45810</v></c><c r="E3" t="inlineStr"><is><r><t>Acme </t></r><r><rPr><b/></rPr><t xml:space="preserve">Imports_x000D_</t></r></is></c><c r="F3" t="b"><v>1</v></c></row>',
      // Rows 4 and 5 are missing: blank spreadsheet rows. Cells without r follow the previous cell.
      '<x:row r="6" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:c t="s"><x:v>6</x:v></x:c><x:c t="str"><x:f>B5</x:f><x:v>99030125</x:v></x:c><x:c s="2"><x:v>1E-3</x:v></x:c><x:c s="1"><x:v>80</x:v></x:c><x:c t="s"><x:v>7</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c></x:row>',
      '<row r="7" spans="1:6"><c r="A7" s="2"/><c r="F7" s="2"/></row>',
    ].join('');
    const strings = [
      ...HEADER_CELLS.map((h) => `<t>${h}</t>`),
      '<t>ABC12345676</t>',
      '<r><t>株式会社</t></r><rPh sb="0" eb="4"><t>カブシキガイシャ</t></rPh><r><t>サクラ</t></r>',
    ];
    const { header, batches, layout, bytes } = await read(workbook(sheet, { sharedStrings: strings }));
    expect(layout).toBe('Excel workbook, sheet "Main Report", header on row 2');
    expect(header.headers).toEqual(HEADER_CELLS);
    expect(header.kind).toBe('es003');
    expect(batches.map((b) => b.firstRow)).toEqual([3]);
    expect(batches[0]!.rows).toEqual([
      ['60576069342', '', '1234.5599999999999', '2025-06-02', 'Acme Imports\r', 'TRUE'],
      [],
      [],
      ['ABC12345676', '99030125', '0.001', '1900-03-20', '株式会社サクラ', '#N/A'],
      ['', '', '', '', '', ''],
    ]);
    expect(bytes).toBeGreaterThan(0);
  });

  it('reads dates of the 1904 date system', async () => {
    const sheet = `<row r="1">${HEADER_CELLS.map((_, i) => `<c t="s"><v>${i}</v></c>`).join('')}</row><row r="2"><c r="D2" s="1"><v>44348</v></c></row>`;
    const { batches } = await read(
      workbook(sheet, { date1904: true, sharedStrings: HEADER_CELLS.map((h) => `<t>${h}</t>`) }),
    );
    expect(batches[0]!.rows[0]![3]).toBe('2025-06-02');
  });

  it('refuses rows listed out of order, and XML that is not well-formed', async () => {
    const head = `<row r="1">${HEADER_CELLS.map((_, i) => `<c t="s"><v>${i}</v></c>`).join('')}</row>`;
    const strings = HEADER_CELLS.map((h) => `<t>${h}</t>`);
    await expect(read(workbook(`${head}<row r="5"/><row r="3"/>`, { sharedStrings: strings }))).rejects.toThrow(
      /lists row 3 after row 5/,
    );
    await expect(read(workbook(`${head}<row r="2"><c><v>1</c></row>`, { sharedStrings: strings }))).rejects.toThrow(
      /sheet "Main Report" is not well-formed XML/,
    );
  });
});
