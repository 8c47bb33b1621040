/**
 * The rows of one worksheet, streamed: each `<row>` becomes its Excel row number and its cells as
 * text, placed by their `r="C5"` reference (missing `<c>` elements leave '' in their column; a row
 * or cell without a reference follows the previous one). `<dimension>` is never consulted: exports
 * are known to declare ranges that do not match their data.
 */
import { FileRejected } from '../csv-records';
import { type CellContext, cellText, columnIndex, sharedText } from './cell-text';
import { RichText } from './shared-strings';
import { ByteSheetReader, NotPlain } from './sheet-bytes';
import { NotSimple, SheetTokenizer } from './sheet-tokenizer';
import { type XmlSink, decodeChunks, feedXml } from './xml-stream';

export interface SheetRow {
  /** Excel row number (1-based). */
  n: number;
  cells: string[];
}

/** Excel's limits: 1,048,576 rows and 16,384 columns (A–XFD). */
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

class SheetSink implements XmlSink {
  /** Rows completed since the caller last took them. */
  readonly rows: SheetRow[] = [];
  private cells: string[] | null = null;
  private rowNumber = 0;
  private lastRow = 0;
  private col = -1;
  private type = 'n';
  private style = 0;
  private value = '';
  private inValue = false;
  private inInline = false;
  private readonly inline = new RichText();

  constructor(
    private readonly ctx: CellContext,
    private readonly sheet: string,
  ) {}

  open(name: string, a: Record<string, string>): void {
    switch (name) {
      case 'row': {
        const n = a.r === undefined ? this.lastRow + 1 : Number(a.r);
        if (!Number.isInteger(n) || n <= this.lastRow || n > MAX_ROWS) {
          throw new FileRejected(
            `The workbook is damaged: sheet "${this.sheet}" lists row ${a.r} after row ${this.lastRow}.`,
          );
        }
        this.rowNumber = n;
        this.cells = [];
        this.col = -1;
        break;
      }
      case 'c':
        this.startCell(a.r === undefined ? -1 : columnIndex(a.r), a.t, a.s === undefined ? 0 : Number(a.s));
        break;
      case 'v':
        this.inValue = true;
        break;
      case 'is':
        this.inInline = true;
        break;
      default:
        if (this.inInline) this.inline.open(name);
    }
  }

  text(t: string): void {
    if (this.inValue) this.value += t;
    else if (this.inInline) this.inline.text(t);
  }

  close(name: string): void {
    switch (name) {
      case 'v':
        this.inValue = false;
        break;
      case 'is':
        this.inInline = false;
        this.value = this.inline.take();
        break;
      case 'c':
        this.place();
        break;
      case 'row':
        if (this.cells) this.rows.push({ n: this.rowNumber, cells: this.cells });
        this.lastRow = this.rowNumber;
        this.cells = null;
        break;
      default:
        if (this.inInline) this.inline.close(name);
    }
  }

  /** A whole `<c>` whose content is at most one `<v>` (the tokenizers' shortcut for the usual cell). */
  cell(col: number, type: string | undefined, style: number, value: string): void {
    this.startCell(col, type, style);
    this.value = value;
    this.place();
  }

  /** A whole shared-string cell (the byte reader's shortcut): its text is the string itself. */
  sharedString(col: number, index: number): void {
    this.startCell(col, 's', 0);
    if (this.cells) this.put(this.cells, sharedText(index, this.ctx));
  }

  /** Starts the cell in column `col` (-1: the one after the last). */
  private startCell(col: number, type: string | undefined, style: number): void {
    this.col = col < 0 ? this.col + 1 : col;
    if (this.col >= MAX_COLUMNS)
      throw new FileRejected(
        `The workbook is damaged: sheet "${this.sheet}" has a cell beyond column XFD (in row ${this.rowNumber}).`,
      );
    this.type = type ?? 'n';
    this.style = style;
    this.value = '';
  }

  private place(): void {
    if (this.cells) this.put(this.cells, cellText(this.type, this.value, this.style, this.ctx));
  }

  private put(cells: string[], text: string): void {
    if (this.col < cells.length) cells[this.col] = text;
    // A styled but empty cell past the last value adds nothing.
    else if (text !== '') {
      while (cells.length < this.col) cells.push('');
      cells.push(text);
    }
  }
}

/** Opens the part's inflated bytes again from the start (each call is a fresh read). */
export type PartChunks = () => AsyncIterable<Uint8Array>;

/** The rows of `sink` after row `after` (already delivered), taken out of it. */
function taken(sink: SheetSink, after: number): SheetRow[] {
  const rows = sink.rows.splice(0);
  return after > 0 ? rows.filter((r) => r.n > after) : rows;
}

/** Rows read from the bytes (sheet-bytes.ts), in the groups one chunk yields; throws NotPlain where it gives up. */
export async function* byteRows(chunks: PartChunks, sheet: string, ctx: CellContext): AsyncGenerator<SheetRow[]> {
  const sink = new SheetSink(ctx, sheet);
  const reader = new ByteSheetReader(sink);
  for await (const bytes of chunks()) {
    reader.write(bytes);
    if (sink.rows.length > 0) yield taken(sink, 0);
    if (reader.done) return;
  }
  reader.end();
  if (sink.rows.length > 0) yield taken(sink, 0);
}

/**
 * Rows read with the text tokenizer, in the groups one chunk yields; throws NotSimple where it gives
 * up. Rows up to `after` are skipped (already delivered).
 */
export async function* tokenizedRows(
  chunks: PartChunks,
  sheet: string,
  ctx: CellContext,
  after = 0,
): AsyncGenerator<SheetRow[]> {
  const sink = new SheetSink(ctx, sheet);
  const tokenizer = new SheetTokenizer(sink);
  for await (const text of decodeChunks(chunks(), `sheet "${sheet}"`)) {
    tokenizer.write(text);
    const rows = taken(sink, after);
    if (rows.length > 0) yield rows;
    if (tokenizer.done) return;
  }
  tokenizer.end();
  const rows = taken(sink, after);
  if (rows.length > 0) yield rows;
}

/** Rows read with saxes, which reads any XML; rows up to `after` are skipped (already delivered). */
export async function* saxesRows(
  chunks: PartChunks,
  sheet: string,
  ctx: CellContext,
  after = 0,
): AsyncGenerator<SheetRow[]> {
  for await (const sink of feedXml(chunks(), new SheetSink(ctx, sheet), `sheet "${sheet}"`)) {
    const rows = taken(sink, after);
    if (rows.length > 0) yield rows;
  }
}

/**
 * Rows of a worksheet, in the groups one inflated chunk yields; stopping early stops the read.
 * The byte reader reads a plainly written sheet; where it meets anything else, the text tokenizer
 * reads the part again from the start, and where that meets XML beyond its subset, saxes does;
 * each carries on after the last row already delivered.
 */
export async function* sheetRows(chunks: PartChunks, sheet: string, ctx: CellContext): AsyncGenerator<SheetRow[]> {
  // Each reader, and what it throws where it gives up.
  const readers = [
    { rows: () => byteRows(chunks, sheet, ctx), givesUp: NotPlain },
    { rows: (after: number) => tokenizedRows(chunks, sheet, ctx, after), givesUp: NotSimple },
  ];
  let last = 0;
  for (const reader of readers) {
    try {
      for await (const rows of reader.rows(last)) {
        last = rows[rows.length - 1]!.n;
        yield rows;
      }
      return;
    } catch (e) {
      if (!(e instanceof reader.givesUp)) throw e;
    }
  }
  yield* saxesRows(chunks, sheet, ctx, last);
}
