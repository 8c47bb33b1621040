/**
 * The fast worksheet readers against saxes: for any worksheet in the text tokenizer's subset, cut
 * into byte chunks anywhere (also inside a multi-byte character or a tag), the byte reader (where
 * it reads the sheet), the text tokenizer and saxes give the same rows; neither gives up on a sheet
 * written its plain way; and a sheet beyond either's subset is read by the next reader from where
 * the one before stopped, without losing or repeating a row.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FileRejected } from '../csv-records';
import type { CellContext } from './cell-text';
import { NotSimple, SheetTokenizer } from './sheet-tokenizer';
import { type XmlSink, decodeChunks, readXml } from './xml-stream';
import { type PartChunks, type SheetRow, byteRows, saxesRows, sheetRows, tokenizedRows } from './sheet-rows';
import { NotPlain } from './sheet-bytes';

/** Every event a sink receives, as text. */
class Recorder implements XmlSink {
  readonly events: string[] = [];
  open(name: string, attrs: Record<string, string>): void {
    this.events.push(`open ${name} ${JSON.stringify(attrs)}`);
  }
  close(name: string): void {
    this.events.push(`close ${name}`);
  }
  text(t: string): void {
    this.events.push(`text ${JSON.stringify(t)}`);
  }
}

const CTX: CellContext = {
  strings: ['Entry Summary Number', 'B76-0324527-8', '株式会社サクラ', ''],
  styles: [{ kind: 'plain' }, { kind: 'date' }, { kind: 'pad', width: 11 }],
  date1904: false,
};

/** How one document spells its markup: the same data, written the ways real writers do. */
interface Spelling {
  prefix: string;
  quote: string;
  /** Between tags (pretty-printed XML has line breaks and indents). */
  gap: string;
  /** Around `=` and before `>` in tags. */
  pad: string;
  /** How `&` is escaped in text. */
  amp: string;
}

const spelling = fc.record({
  prefix: fc.constantFrom('', 'x:'),
  quote: fc.constantFrom('"', "'"),
  gap: fc.constantFrom('', '\n', '\r\n  ', ' '),
  pad: fc.constantFrom('', ' ', '\n\t'),
  amp: fc.constantFrom('&amp;', '&#38;', '&#x26;'),
});

const textUnit = fc.constantFrom(
  'a',
  'Z',
  '7',
  ' ',
  '.',
  '-',
  '&',
  '<',
  '>',
  '"',
  "'",
  '株',
  '🚢',
  'é',
  '_x000D_',
  '\n',
  '\r\n',
  '\t',
);
const text = fc.string({ unit: textUnit, maxLength: 10 });

type Cell =
  | { kind: 'shared'; index: number }
  | { kind: 'str'; text: string; formula: boolean }
  | { kind: 'inline'; runs: string[] }
  | { kind: 'number'; value: string; style: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'empty'; style: number; closed: boolean };

const cell: fc.Arbitrary<Cell> = fc.oneof(
  fc.record({ kind: fc.constant('shared' as const), index: fc.integer({ min: 0, max: CTX.strings.length - 1 }) }),
  fc.record({ kind: fc.constant('str' as const), text, formula: fc.boolean() }),
  fc.record({ kind: fc.constant('inline' as const), runs: fc.array(text, { minLength: 1, maxLength: 3 }) }),
  fc.record({
    kind: fc.constant('number' as const),
    value: fc.constantFrom('0', '4088.05', '1234.5599999999999', '45810', '6.0576069342E10', '-3', '1E-3'),
    style: fc.integer({ min: 0, max: 2 }),
  }),
  fc.record({ kind: fc.constant('bool' as const), value: fc.boolean() }),
  fc.record({ kind: fc.constant('empty' as const), style: fc.integer({ min: 0, max: 2 }), closed: fc.boolean() }),
);

/** A row: its cells by column (null = no `<c>`), whether refs are written, and the gap before it. */
interface Row {
  cells: (Cell | null)[];
  refs: boolean;
  skip: number;
  numbered: boolean;
}

const row: fc.Arbitrary<Row> = fc.record({
  cells: fc.array(fc.option(cell, { nil: null }), { maxLength: 6 }),
  refs: fc.boolean(),
  skip: fc.integer({ min: 0, max: 2 }),
  numbered: fc.boolean(),
});

function escape(t: string, sp: Spelling): string {
  return t
    .replace(/&/g, sp.amp)
    .replace(/</g, '&lt;')
    .replace(/>/g, () => (sp.amp === '&amp;' ? '&gt;' : '>'));
}

function columnName(i: number): string {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function cellXml(c: Cell, ref: string | null, sp: Spelling): string {
  const p = sp.prefix;
  const q = sp.quote;
  const attr = (k: string, v: string) => ` ${k}${sp.pad}=${sp.pad}${q}${v}${q}`;
  const r = ref === null ? '' : attr('r', ref);
  switch (c.kind) {
    case 'shared':
      return `<${p}c${r}${attr('t', 's')}${sp.pad}><${p}v>${c.index}</${p}v></${p}c>`;
    case 'str':
      return `<${p}c${r}${attr('t', 'str')}>${c.formula ? `<${p}f>A1&amp;"x"</${p}f>` : ''}<${p}v>${escape(c.text, sp)}</${p}v></${p}c>`;
    case 'inline': {
      const body =
        c.runs.length === 1
          ? `<${p}t>${escape(c.runs[0]!, sp)}</${p}t>`
          : c.runs
              .map(
                (t, i) =>
                  `<${p}r>${i > 0 ? `<${p}rPr><${p}b/></${p}rPr>` : ''}<${p}t${attr('xml:space', 'preserve')}>${escape(t, sp)}</${p}t></${p}r>`,
              )
              .join('');
      return `<${p}c${r}${attr('t', 'inlineStr')}><${p}is>${body}</${p}is></${p}c>`;
    }
    case 'number':
      return `<${p}c${r}${c.style ? attr('s', String(c.style)) : ''}><${p}v>${c.value}</${p}v></${p}c>`;
    case 'bool':
      return `<${p}c${r}${attr('t', 'b')}><${p}v>${c.value ? 1 : 0}</${p}v></${p}c>`;
    case 'empty':
      return c.closed
        ? `<${p}c${r}${attr('s', String(c.style))}${sp.pad}></${p}c>`
        : `<${p}c${r}${attr('s', String(c.style))}${sp.pad}/>`;
  }
}

function sheetXml(rows: Row[], sp: Spelling, inside = ''): string {
  const p = sp.prefix;
  let n = 0;
  const body = rows.map((rw, k) => {
    n += 1 + rw.skip;
    // A row without r follows the one before, so only rows right after it may leave r out.
    const numbered = rw.numbered || rw.skip > 0;
    const cells = rw.cells
      .map((c, i) => (c === null ? '' : cellXml(c, rw.refs ? `${columnName(i)}${n}` : null, sp)))
      .join(sp.gap);
    const head = `<${p}row${numbered ? ` r=${sp.quote}${n}${sp.quote}` : ''} spans=${sp.quote}1:6${sp.quote}`;
    return (
      (k === Math.min(1, rows.length - 1) ? inside : '') +
      (cells === '' && k % 2 === 0 ? `${head}/>` : `${head}>${sp.gap}${cells}${sp.gap}</${p}row>`)
    );
  });
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<${p}worksheet xmlns${p ? `:${p.slice(0, -1)}` : ''}="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
    `<${p}dimension ref="A1:F9"/><${p}sheetViews><${p}sheetView workbookViewId="0"/></${p}sheetViews>${sp.gap}<${p}sheetData>${sp.gap}${body.join(sp.gap)}${sp.gap}</${p}sheetData>` +
    `<${p}pageMargins left="0.7" right="0.7"/></${p}worksheet>`
  );
}

/** The document's bytes, cut at the given offsets (taken modulo its length). */
function chunksOf(xml: string, at: number[]): PartChunks {
  const bytes = new TextEncoder().encode(xml);
  const points = [...new Set(at.map((k) => k % (bytes.length + 1)))].sort((a, b) => a - b);
  return async function* () {
    let from = 0;
    for (const point of [...points, bytes.length]) {
      yield bytes.slice(from, point);
      from = point;
    }
  };
}

async function collect(rows: AsyncIterable<SheetRow[]>): Promise<SheetRow[]> {
  const out: SheetRow[] = [];
  for await (const group of rows) out.push(...group);
  return out;
}

/** Cut offsets: spread over the whole document (fast-check's doubles cluster at 0 and 1). */
const cuts = fc.array(fc.integer({ min: 0, max: 1 << 30 }), { maxLength: 24 });
const rows = fc.array(row, { minLength: 1, maxLength: 8 });

describe('the fast worksheet tokenizer', () => {
  it('gives the rows saxes gives, for any sheet in its subset cut anywhere, and never gives up on one', async () => {
    await fc.assert(
      fc.asyncProperty(rows, spelling, cuts, async (rs, sp, at) => {
        const xml = sheetXml(rs, sp);
        const expected = await collect(saxesRows(chunksOf(xml, []), 'Main Report', CTX));
        expect(await collect(tokenizedRows(chunksOf(xml, at), 'Main Report', CTX))).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('the byte reader gives saxes’ rows wherever it reads a sheet, gives a sheet beyond it to the text tokenizer, and reads plainly written sheets', async () => {
    await fc.assert(
      fc.asyncProperty(rows, spelling, cuts, async (rs, sp, at) => {
        const xml = sheetXml(rs, sp);
        const expected = await collect(saxesRows(chunksOf(xml, []), 'Main Report', CTX));
        expect(await collect(sheetRows(chunksOf(xml, at), 'Main Report', CTX))).toEqual(expected);
        try {
          expect(await collect(byteRows(chunksOf(xml, at), 'Main Report', CTX))).toEqual(expected);
        } catch (e) {
          if (!(e instanceof NotPlain)) throw e;
          // Given up only on what it does not read: a prefix, single quotes, gaps, padding, inline strings or formulas.
          const plain = sp.prefix === '' && sp.quote === '"' && sp.gap === '' && sp.pad === '';
          const only = rs.every((r) =>
            r.cells.every((c) => c === null || (c.kind !== 'inline' && !(c.kind === 'str' && c.formula))),
          );
          expect(plain && only).toBe(false);
        }
      }),
      { numRuns: 600 },
    );
  });

  it('the byte reader never gives up on a plainly written sheet, cut anywhere, and reads it as saxes does', async () => {
    const plainCell = cell.filter((c) => c.kind !== 'inline' && !(c.kind === 'str' && c.formula));
    const plainRows = fc.array(
      fc.record({
        cells: fc.array(fc.option(plainCell, { nil: null }), { maxLength: 6 }),
        refs: fc.boolean(),
        skip: fc.integer({ min: 0, max: 2 }),
        numbered: fc.boolean(),
      }),
      { minLength: 1, maxLength: 8 },
    );
    const plain = spelling.map((sp) => ({ ...sp, prefix: '', quote: '"', gap: '', pad: '' }));
    await fc.assert(
      fc.asyncProperty(plainRows, plain, cuts, async (rs, sp, at) => {
        const xml = sheetXml(rs, sp);
        const expected = await collect(saxesRows(chunksOf(xml, []), 'Main Report', CTX));
        expect(await collect(byteRows(chunksOf(xml, at), 'Main Report', CTX))).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('reports the same elements, attributes and text as saxes inside <sheetData>', async () => {
    const value = fc.string({
      unit: fc.constantFrom('a', '1', ' ', '\t', '\n', '\r\n', '&amp;', '&#10;', '&#x9;', '&lt;', '>', '株'),
      maxLength: 8,
    });
    await fc.assert(
      fc.asyncProperty(rows, spelling, cuts, value, async (rs, sp, at, attr) => {
        // An attribute the sink ignores, with what XML normalises: raw tabs and line ends become spaces.
        const xml = sheetXml(rs, sp).replace(/spans=(["'])1:6\1/g, `spans="${attr}"`);
        const events = (record: Recorder) => record.events;
        const bySaxes = new Recorder();
        await readXml(chunksOf(xml, [])(), bySaxes, 'sheet');
        const byTokenizer = new Recorder();
        const tokenizer = new SheetTokenizer(byTokenizer);
        for await (const t of decodeChunks(chunksOf(xml, at)(), 'sheet')) tokenizer.write(t);
        tokenizer.end();
        const inside = events(bySaxes);
        expect(events(byTokenizer)).toEqual(
          inside.slice(inside.indexOf('open sheetData {}') + 1, inside.lastIndexOf('close sheetData')),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('hands a sheet beyond its subset to saxes, which goes on after the rows already delivered', async () => {
    const beyond = ['<!-- a comment -->', '<?pi data?>', '<extLst><![CDATA[a < b]]></extLst>'];
    await fc.assert(
      fc.asyncProperty(rows, spelling, cuts, fc.constantFrom(...beyond), async (rs, sp, at, inside) => {
        const xml = sheetXml(rs, { ...sp, prefix: '' }, inside);
        const expected = await collect(saxesRows(chunksOf(xml, []), 'Main Report', CTX));
        await expect(collect(tokenizedRows(chunksOf(xml, at), 'Main Report', CTX))).rejects.toThrow(NotSimple);
        expect(await collect(sheetRows(chunksOf(xml, at), 'Main Report', CTX))).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });

  it('leaves malformed sheets to saxes, which refuses them as not well-formed', async () => {
    const head = '<worksheet><sheetData><row r="1"><c t="str"><v>x</v></c></row>';
    const bad = [
      `${head}<row r="2"><c><v>1</c></row></sheetData></worksheet>`,
      `${head}<row r="2"><c t="str"><v>1</c></v></row></sheetData></worksheet>`,
      `${head}<row r="2"><c t="str"><v>&nbsp;</v></c></row></sheetData></worksheet>`,
      `${head}<row r="2"><c t="str"><v>&#0;</v></c></row></sheetData></worksheet>`,
      `${head}<row r="2"><c t="str"><v>1</v></c>`,
    ];
    for (const xml of bad) {
      await expect(collect(tokenizedRows(chunksOf(xml, [90]), 'Main Report', CTX))).rejects.toThrow(NotSimple);
      const read = collect(sheetRows(chunksOf(xml, [90]), 'Main Report', CTX));
      await expect(read).rejects.toThrow(FileRejected);
      await expect(read).rejects.toThrow(/sheet "Main Report" is not well-formed XML/);
    }
  });

  it('leaves a text run longer than any cell to saxes instead of re-scanning it chunk after chunk', async () => {
    const long = 'x'.repeat(3 << 20);
    const xml = `<worksheet><sheetData><row r="1"><c t="str"><v>a</v></c></row><row r="2"><c t="str"><v>${long}</v></c></row></sheetData></worksheet>`;
    const cuts = Array.from({ length: 64 }, (_, k) => k * (1 << 16));
    await expect(collect(tokenizedRows(chunksOf(xml, cuts), 'Main Report', CTX))).rejects.toThrow(NotSimple);
    const rows = await collect(sheetRows(chunksOf(xml, cuts), 'Main Report', CTX));
    expect(rows.map((r) => [r.n, r.cells[0]!.length])).toEqual([
      [1, 1],
      [2, long.length],
    ]);
  });

  it('reads entities, references and normalised attribute values as XML defines them', async () => {
    const xml = `<worksheet><sheetData><row r = '3' ><c r="A3" t="str"><v>a&amp;b&#x1F6A2;&#26666;&lt;&gt;&quot;&apos;\r\nz</v></c><c r="B3" t="inlineStr"><is><t>x&#13;y</t></is></c></row></sheetData></worksheet>`;
    expect(await collect(tokenizedRows(chunksOf(xml, [60, 120]), 'Main Report', CTX))).toEqual([
      { n: 3, cells: ['a&b🚢株<>"\'\nz', 'x\ry'] },
    ]);
  });
});
