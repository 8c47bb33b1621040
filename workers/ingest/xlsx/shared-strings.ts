/**
 * The shared string table (`<sst>`): cells of type `s` hold an index into it. Rich-text runs
 * (`<r><t>…</t></r>`) are joined; phonetic guides (`<rPh>`, furigana above Japanese names) are not
 * part of the cell's text and are left out. Inline strings (`<is>`) in sheets share this logic.
 */
import { type XmlSink, feedXml, unescapeOoxml } from './xml-stream';
import type { ZipReader } from './zip-reader';

/** Gathers the text of one string item: `<si>` in the table or `<is>` in a cell. */
export class RichText {
  private buf = '';
  private inT = false;
  private phonetic = 0;

  open(name: string): void {
    if (name === 't') this.inT = true;
    else if (name === 'rPh') this.phonetic++;
  }

  close(name: string): void {
    if (name === 't') this.inT = false;
    else if (name === 'rPh') this.phonetic--;
  }

  text(t: string): void {
    if (this.inT && this.phonetic === 0) this.buf += t;
  }

  /** The item's text, and a fresh start for the next item. */
  take(): string {
    const s = unescapeOoxml(this.buf);
    this.buf = '';
    return s;
  }
}

class SharedStringSink implements XmlSink {
  readonly strings: string[] = [];
  private readonly item = new RichText();

  open(name: string): void {
    this.item.open(name);
  }

  close(name: string): void {
    if (name === 'si') this.strings.push(this.item.take());
    else this.item.close(name);
  }

  text(t: string): void {
    this.item.text(t);
  }
}

/** The table, or null when the import was cancelled while reading it (a big table takes a while). */
export async function readSharedStrings(
  zip: ZipReader,
  path: string | null,
  isCancelled: () => boolean,
): Promise<string[] | null> {
  if (path === null) return [];
  const sink = new SharedStringSink();
  const steps = feedXml(zip.chunks(path), sink, path);
  for (let step = await steps.next(); !step.done; step = await steps.next()) {
    if (isCancelled()) {
      await steps.return(undefined);
      return null;
    }
  }
  return sink.strings;
}
