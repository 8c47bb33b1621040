/** Entry-level attributes of one file, one slot per entry, in growable columns; packed into AttrPages at the end. */
import { ATTR_PAGE_ENTRIES, type AttrPage, NO_DAY } from '../store/pages';

function grow<T extends Int32Array | Int8Array | Uint16Array | Uint8Array | Float64Array>(a: T, size: number, fill?: number): T {
  const next = new (a.constructor as new (n: number) => T)(size);
  next.set(a);
  if (fill !== undefined) next.fill(fill, a.length);
  return next;
}

export type TextAttr = 'importer' | 'importerName' | 'entryType' | 'country' | 'port';
export type DayAttr = 'entryDate' | 'summaryDate' | 'liqDate';

/**
 * Entry code → slot, an open-addressing hash over typed arrays: a Map keyed by these codes (doubles
 * above 2^31, so boxed numbers) cost ~0.5 µs a lookup at a few hundred thousand entries.
 */
class CodeSlots {
  private keys = new Float64Array(2048);
  /** Slot per position; -1 where empty. */
  private slots = new Int32Array(2048).fill(-1);
  private size = 0;

  private static hash(code: number): number {
    const lo = code % 4294967296 | 0;
    const hi = (code / 4294967296) | 0;
    const h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca77);
    return h ^ (h >>> 15);
  }

  get(code: number): number {
    const mask = this.keys.length - 1;
    for (let pos = CodeSlots.hash(code) & mask; ; pos = (pos + 1) & mask) {
      const slot = this.slots[pos]!;
      if (slot === -1 || this.keys[pos] === code) return slot;
    }
  }

  /** Add a code not yet present. */
  add(code: number, slot: number): void {
    // At most half full, so probes stay short.
    if ((this.size + 1) * 2 > this.keys.length) this.rehash(this.keys.length * 2);
    const mask = this.keys.length - 1;
    let pos = CodeSlots.hash(code) & mask;
    while (this.slots[pos] !== -1) pos = (pos + 1) & mask;
    this.keys[pos] = code;
    this.slots[pos] = slot;
    this.size++;
  }

  private rehash(capacity: number): void {
    const { keys, slots } = this;
    this.keys = new Float64Array(capacity);
    this.slots = new Int32Array(capacity).fill(-1);
    this.size = 0;
    for (let pos = 0; pos < keys.length; pos++) if (slots[pos] !== -1) this.add(keys[pos]!, slots[pos]!);
  }
}

export class AttrAccumulator {
  count = 0;
  private capacity = 1024;
  private readonly slotOf = new CodeSlots();
  private readonly dict: string[] = [];
  private readonly dictIndex = new Map<string, number>();
  entry = new Float64Array(this.capacity);
  importer = new Int32Array(this.capacity).fill(-1);
  importerName = new Int32Array(this.capacity).fill(-1);
  entryType = new Int32Array(this.capacity).fill(-1);
  country = new Int32Array(this.capacity).fill(-1);
  port = new Int32Array(this.capacity).fill(-1);
  entryDate = new Int32Array(this.capacity).fill(NO_DAY);
  summaryDate = new Int32Array(this.capacity).fill(NO_DAY);
  liqDate = new Int32Array(this.capacity).fill(NO_DAY);
  liqStatus = new Int8Array(this.capacity).fill(-1);
  summaryStatus = new Int8Array(this.capacity).fill(-1);
  flags = new Uint16Array(this.capacity);
  present = new Uint16Array(this.capacity);
  bad = new Uint8Array(this.capacity);

  /** Slot of an entry code, created on first sight. */
  slot(code: number): number {
    let s = this.slotOf.get(code);
    if (s !== -1) return s;
    if (this.count === this.capacity) this.growTo(this.capacity * 2);
    s = this.count++;
    this.entry[s] = code;
    this.slotOf.add(code, s);
    return s;
  }

  private growTo(size: number): void {
    this.capacity = size;
    this.entry = grow(this.entry, size);
    this.importer = grow(this.importer, size, -1);
    this.importerName = grow(this.importerName, size, -1);
    this.entryType = grow(this.entryType, size, -1);
    this.country = grow(this.country, size, -1);
    this.port = grow(this.port, size, -1);
    this.entryDate = grow(this.entryDate, size, NO_DAY);
    this.summaryDate = grow(this.summaryDate, size, NO_DAY);
    this.liqDate = grow(this.liqDate, size, NO_DAY);
    this.liqStatus = grow(this.liqStatus, size, -1);
    this.summaryStatus = grow(this.summaryStatus, size, -1);
    this.flags = grow(this.flags, size);
    this.present = grow(this.present, size);
    this.bad = grow(this.bad, size);
  }

  setText(attr: TextAttr, slot: number, value: string): void {
    let id = this.dictIndex.get(value);
    if (id === undefined) {
      id = this.dict.length;
      this.dict.push(value);
      this.dictIndex.set(value, id);
    }
    this[attr][slot] = id;
  }

  setFlag(bit: number, slot: number, value: boolean): void {
    this.present[slot]! |= bit;
    if (value) this.flags[slot]! |= bit;
    else this.flags[slot]! &= ~bit;
  }

  /** The file's attributes in pages of up to ATTR_PAGE_ENTRIES entries. */
  pages(fileId: number): AttrPage[] {
    const out: AttrPage[] = [];
    for (let start = 0, page = 0; start < this.count; start += ATTR_PAGE_ENTRIES, page++) {
      const end = Math.min(this.count, start + ATTR_PAGE_ENTRIES);
      out.push({
        fileId,
        page,
        count: end - start,
        entry: this.entry.slice(start, end),
        dict: this.dict,
        importer: this.importer.slice(start, end),
        importerName: this.importerName.slice(start, end),
        entryType: this.entryType.slice(start, end),
        country: this.country.slice(start, end),
        port: this.port.slice(start, end),
        entryDate: this.entryDate.slice(start, end),
        summaryDate: this.summaryDate.slice(start, end),
        liqDate: this.liqDate.slice(start, end),
        liqStatus: this.liqStatus.slice(start, end),
        summaryStatus: this.summaryStatus.slice(start, end),
        flags: this.flags.slice(start, end),
        present: this.present.slice(start, end),
        bad: this.bad.slice(start, end),
      });
    }
    return out;
  }
}
