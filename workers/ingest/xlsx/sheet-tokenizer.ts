/**
 * A tokenizer for the `<sheetData>` of a worksheet, and nothing else. Worksheet XML is a long run
 * of the same few elements (`<row>`, `<c>`, `<v>`, `<is><t>`), and saxes spends most of an .xlsx
 * import on it (86 MB of XML for 100k rows: ~1.9 s of a 2.7 s read in Node). This reads that run
 * with `indexOf` and hands the same open/text/close events to the same sink, so what a cell means is
 * decided in one place for both readers.
 *
 * It accepts only a plain subset: elements, attributes in either quote, the five predefined entities
 * and character references. Anything else — a comment, CDATA, a processing instruction, a DOCTYPE,
 * another entity, a tag that closes the wrong element, a missing `</sheetData>` — throws NotSimple,
 * and the caller reads the sheet again with saxes, which handles (or rejects) all of XML.
 */
import { plainDigits } from '../rows';
import { columnIndex, knownCellType } from './cell-text';
import type { XmlSink } from './xml-stream';

/** The sheet uses XML beyond the tokenizer's subset: read it with saxes instead. */
export class NotSimple extends Error {}

/** Character codes of XML's markup, shared with the byte reader. */
export const LT = 60;
export const GT = 62;
export const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
export const EQUALS = 61;
export const QUOTE = 34;
const APOS = 39;
export const AMP = 38;
export const LETTER_C = 99;

const SHEET_DATA_START = /<(?:[A-Za-z_][\w.-]*:)?sheetData(?=[\s/>])/;
const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#x([0-9A-Fa-f]{1,6}));|&/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** Longest tail of one chunk that can hold the start of `<prefix:sheetData` (chars). */
const START_CARRY = 64;
/**
 * Most text kept between chunks (chars). A cell holds at most 32,767 characters, so a tail this long
 * is a text run no real cell has; re-scanning it on every chunk would take time quadratic in its
 * length, so saxes, which reads it in one pass, takes over.
 */
const MAX_CARRY = 1 << 20;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** Attributes of a tag that has none; sinks only read attributes. */
const NO_ATTRS: Record<string, string> = Object.freeze({});

/** `x:row` → `row`, as xml-stream does for saxes. */
function local(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/**
 * The name `s[from, to)`, as a constant for the names every cell repeats: no string is made, and
 * the sink's `switch` compares them by identity (two allocations and compares per tag otherwise).
 */
function nameAt(s: string, from: number, to: number): string {
  return to - from === 3 && s.startsWith('row', from) ? 'row' : (shortName(s, from, to) ?? local(s.slice(from, to)));
}

/** An attribute name: kept whole, prefix and all, as saxes reports it without namespaces (`xml:space`). */
function keyAt(s: string, from: number, to: number): string {
  return shortName(s, from, to) ?? s.slice(from, to);
}

/** A cell type (`t`), as a constant for the usual ones: no string made, compared by identity. */
function typeAt(s: string, from: number, to: number): string {
  return knownCellType(to - from, s.charCodeAt(from), s.startsWith('str', from)) ?? s.slice(from, to);
}

function shortName(s: string, from: number, to: number): string | null {
  if (to - from !== 1) return null;
  switch (s.charCodeAt(from)) {
    case 99:
      return 'c';
    case 118:
      return 'v';
    case 114:
      return 'r';
    case 115:
      return 's';
    case 116:
      return 't';
    default:
      return null;
  }
}

/** Predefined entities and character references; any other `&` is left to saxes. */
export function decodeEntities(s: string): string {
  return s.replace(ENTITY, (_m, named: string | undefined, dec: string | undefined, hex: string | undefined) => {
    if (named !== undefined) return NAMED[named]!;
    const code = dec !== undefined ? Number(dec) : hex !== undefined ? parseInt(hex, 16) : -1;
    if (code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) throw new NotSimple();
    return String.fromCodePoint(code);
  });
}

/** Character data as an XML parser reports it: line ends normalised to `\n`, then references decoded (`&#13;` stays a CR). */
export function textOf(raw: string): string {
  let t = raw;
  if (t.includes('\r')) t = t.replace(/\r\n?/g, '\n');
  if (t.includes('&')) t = decodeEntities(t);
  return t;
}

export class SheetTokenizer {
  private carry = '';
  private started = false;
  private ended = false;
  /** Open elements inside `<sheetData>`, innermost last. */
  private readonly stack: string[] = [];

  /** The sink's cell shortcut, when it has one. */
  private readonly cellSink: Required<Pick<XmlSink, 'cell'>> | null;

  constructor(private readonly sink: XmlSink) {
    this.cellSink = sink.cell ? (sink as Required<Pick<XmlSink, 'cell'>>) : null;
  }

  /** True once `</sheetData>` has been read: the rest of the part holds no cells. */
  get done(): boolean {
    return this.ended;
  }

  /** Feed the next decoded text of the part. */
  write(text: string): void {
    if (this.ended) return;
    let s = this.carry + text;
    if (!this.started) {
      const m = SHEET_DATA_START.exec(s);
      if (!m) {
        this.carry = s.slice(-START_CARRY);
        return;
      }
      const gt = s.indexOf('>', m.index);
      if (gt < 0) {
        this.carry = s.slice(m.index);
        return;
      }
      this.started = true;
      if (s.charCodeAt(gt - 1) === SLASH) {
        this.ended = true;
        return;
      }
      s = s.slice(gt + 1);
    }
    // Every `<` before the last one starts markup that is complete in `s`: `<` cannot occur inside
    // a tag, and markup that may hold one (comments, CDATA) is refused on sight.
    const end = s.lastIndexOf('<');
    this.carry = end < 0 ? s : s.slice(end);
    if (this.carry.length > MAX_CARRY) throw new NotSimple();
    if (end > 0) this.tokens(s, end);
  }

  /** The part has been read to its end. */
  end(): void {
    if (!this.ended) {
      const s = this.carry;
      this.carry = '';
      if (this.started && s.endsWith('>')) this.tokens(s, s.length);
    }
    if (!this.ended) throw new NotSimple();
  }

  /** Tokens of `s` before index `end`. */
  private tokens(s: string, end: number): void {
    let pos = 0;
    while (pos < end && !this.ended) {
      const lt = s.indexOf('<', pos);
      const stop = lt < 0 || lt > end ? end : lt;
      if (stop > pos) this.sink.text(textOf(s.slice(pos, stop)));
      if (stop === end) break;
      const c = s.charCodeAt(lt + 1);
      if (c === SLASH) pos = this.closeTag(s, lt);
      else if (c === BANG || c === QUESTION) throw new NotSimple();
      else if (c === LETTER_C && this.cellSink) {
        const next = this.cell(s, lt, end);
        pos = next > 0 ? next : this.openTag(s, lt);
      } else pos = this.openTag(s, lt);
    }
  }

  private closeTag(s: string, lt: number): number {
    const gt = s.indexOf('>', lt);
    if (gt < 0) throw new NotSimple();
    let to = gt;
    while (to > lt + 2 && isSpace(s.charCodeAt(to - 1))) to--;
    const name = nameAt(s, lt + 2, to);
    if (this.stack.length === 0) {
      if (name !== 'sheetData') throw new NotSimple();
      this.ended = true;
      return gt + 1;
    }
    if (this.stack.pop() !== name) throw new NotSimple();
    this.sink.close(name);
    return gt + 1;
  }

  /**
   * The usual cell in one step — `<c r="A2" s="1" t="str"><v>…</v></c>`, `<c …></c>` or `<c …/>`,
   * attributes in double quotes with single spaces and plain values — handed to the sink's `cell`
   * (no attribute object, no stack, one call instead of five). Returns the index after it, or -1 for
   * any other spelling, which openTag then reads the general way.
   */
  private cell(s: string, lt: number, end: number): number {
    let col = -1;
    let type: string | undefined;
    let style = 0;
    let i = lt + 2;
    let d = s.charCodeAt(i);
    while (d === 32) {
      const nameStart = i + 1;
      let eq = nameStart + 1;
      // Cell attributes are nearly always one letter (r, s, t): `x="`.
      if (s.charCodeAt(eq) !== EQUALS) {
        for (eq = nameStart; eq < end; eq++) {
          const e = s.charCodeAt(eq);
          if (e === EQUALS) break;
          if (e === GT || e === SLASH || e === LT || isSpace(e)) return -1;
        }
        if (eq === nameStart) return -1;
      }
      if (s.charCodeAt(eq + 1) !== QUOTE) return -1;
      const from = eq + 2;
      let close = from;
      for (; close < end; close++) {
        const e = s.charCodeAt(close);
        if (e === QUOTE) break;
        if (e === LT || e === AMP || e === 9 || e === 10 || e === 13) return -1;
      }
      if (close >= end) return -1;
      if (eq - nameStart === 1) {
        const key = s.charCodeAt(nameStart);
        if (key === 114) col = columnIndex(s, from, close);
        else if (key === 116) type = typeAt(s, from, close);
        else if (key === 115) {
          const digits = plainDigits(s, from, close);
          style = digits >= 0 ? digits : Number(s.slice(from, close));
        }
      }
      i = close + 1;
      d = s.charCodeAt(i);
    }
    if (d === SLASH) {
      if (s.charCodeAt(i + 1) !== GT) return -1;
      this.cellSink!.cell(col, type, style, '');
      return i + 2;
    }
    if (d !== GT) return -1;
    i++;
    if (s.startsWith('</c>', i)) {
      if (i >= end) return -1;
      this.cellSink!.cell(col, type, style, '');
      return i + 4;
    }
    if (!s.startsWith('<v>', i)) return -1;
    const vEnd = s.indexOf('<', i + 3);
    if (vEnd < 0 || vEnd + 4 >= end || !s.startsWith('</v></c>', vEnd)) return -1;
    this.cellSink!.cell(col, type, style, vEnd === i + 3 ? '' : textOf(s.slice(i + 3, vEnd)));
    return vEnd + 8;
  }

  /** Reads `<name a="…" …>` or `<name …/>` at `lt`; returns the index after it. */
  private openTag(s: string, lt: number): number {
    const n = s.length;
    let i = lt + 1;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (isSpace(c) || c === GT || c === SLASH) break;
      i++;
    }
    if (i === lt + 1 || i >= n) throw new NotSimple();
    const name = nameAt(s, lt + 1, i);
    let attrs: Record<string, string> | null = null;
    for (;;) {
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      const c = s.charCodeAt(i);
      if (c === GT) {
        this.sink.open(name, attrs ?? NO_ATTRS);
        this.stack.push(name);
        return i + 1;
      }
      if (c === SLASH) {
        if (s.charCodeAt(i + 1) !== GT) throw new NotSimple();
        this.sink.open(name, attrs ?? NO_ATTRS);
        this.sink.close(name);
        return i + 2;
      }
      const start = i;
      while (i < n) {
        const d = s.charCodeAt(i);
        if (d === EQUALS || isSpace(d) || d === GT || d === SLASH) break;
        i++;
      }
      const key = keyAt(s, start, i);
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      if (i === start || s.charCodeAt(i) !== EQUALS) throw new NotSimple();
      i++;
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      const q = s.charCodeAt(i);
      if (q !== QUOTE && q !== APOS) throw new NotSimple();
      // One pass to the closing quote, noting what the value needs: values are short (`A1`, `2`).
      let close = i + 1;
      let plain = true;
      for (; close < n; close++) {
        const d = s.charCodeAt(close);
        if (d === q) break;
        if (d === LT) throw new NotSimple();
        if (d === AMP || d === 9 || d === 10 || d === 13) plain = false;
      }
      if (close >= n) throw new NotSimple();
      const raw = s.slice(i + 1, close);
      attrs ??= {};
      // XML normalises tabs and line ends in attribute values to spaces (before references are decoded).
      attrs[key] = plain ? raw : decodeEntities(raw.replace(/\r\n|[\t\n\r]/g, ' '));
      i = close + 1;
    }
  }
}
