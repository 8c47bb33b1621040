/**
 * Tokenise a workbook XML part incrementally with saxes (no DOM): inflated bytes are decoded with
 * one streaming TextDecoder and written to the parser chunk by chunk. Element names reach the sink without their prefix (`x:row` → `row`).
 */
import { SaxesParser } from 'saxes';
import { FileRejected } from '../csv-records';

export interface XmlSink {
  open(name: string, attrs: Record<string, string>): void;
  close(name: string): void;
  text(text: string): void;
  /**
   * Optional shortcut for a worksheet cell `<c r s t>` whose content is empty or one `<v>`: the same
   * as open('c'), open('v'), text(value), close('v'), close('c'), with `r` as its column index (-1
   * when it has none, as columnIndex reads it) and `s` as a number (0 when absent, as Number()
   * reads it otherwise). Only the sheet tokenizers call it.
   */
  cell?(col: number, type: string | undefined, style: number, value: string): void;
  /** The same for a shared-string cell (`t="s"`) whose value is the string's index. */
  sharedString?(col: number, index: number): void;
}

function local(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/**
 * Feed `chunks` to `sink`, yielding the sink after each chunk so the caller can take what it
 * gathered, check for cancellation, or stop early (which stops the read). `part` names the part in
 * messages.
 */
export async function* feedXml<S extends XmlSink>(
  chunks: AsyncIterable<Uint8Array>,
  sink: S,
  part: string,
): AsyncGenerator<S> {
  // position: false skips line/column bookkeeping, which costs time on every character.
  const parser = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
  // Bound once: these run for every tag (~40 per row), and one call site shared by several sink
  // classes would make each call a slow megamorphic property lookup.
  const open = sink.open.bind(sink);
  const close = sink.close.bind(sink);
  const onText = sink.text.bind(sink);
  parser.on('opentag', (tag) => open(local(tag.name), tag.attributes));
  parser.on('closetag', (tag) => close(local(tag.name)));
  parser.on('text', onText);
  parser.on('cdata', onText);
  const write = (text: string, end: boolean): void => {
    try {
      parser.write(text);
      if (end) parser.close();
    } catch (e) {
      if (e instanceof FileRejected) throw e;
      throw new FileRejected(
        `The workbook is damaged: ${part} is not well-formed XML (${e instanceof Error ? e.message : String(e)}).`,
      );
    }
  };
  for await (const text of decodeChunks(chunks, part)) {
    write(text, false);
    yield sink;
  }
  write('', true);
}

/** UTF-8 text of a part, chunk by chunk, with one streaming decoder so a character split between chunks stays whole. */
export async function* decodeChunks(chunks: AsyncIterable<Uint8Array>, part: string): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (chunk?: Uint8Array): string => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw new FileRejected(`The workbook is damaged: ${part} is not valid UTF-8 text.`);
    }
  };
  for await (const chunk of chunks) yield decode(chunk);
  const rest = decode();
  if (rest !== '') yield rest;
}

/** Read a whole (small) part through `sink`. */
export async function readXml(chunks: AsyncIterable<Uint8Array>, sink: XmlSink, part: string): Promise<void> {
  const steps = feedXml(chunks, sink, part);
  while (!(await steps.next()).done);
}

/** Excel escapes characters XML cannot carry as `_xHHHH_` (e.g. `_x000D_` for a carriage return). */
export function unescapeOoxml(s: string): string {
  return s.includes('_x')
    ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : s;
}
