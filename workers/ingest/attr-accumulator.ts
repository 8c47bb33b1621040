/**
 * Entry-level attributes of one file, one slot per entry, in columns of up to ATTR_PAGE_ENTRIES slots
 * that become the file's AttrPages as they are (only the last one is trimmed): no column is ever
 * copied whole, nor grown past a page, however many entries the file has.
 */
import type { AttributeOfKind } from '../../src/core/entry-attributes';
import { ATTR_PAGE_ENTRIES, type AttrPage, entryColumns } from '../store/pages';

export type TextColumn = AttributeOfKind<'text'>['column'];
export type DayColumn = AttributeOfKind<'day'>['column'];
export type CodeColumn = AttributeOfKind<'code'>['column'];

/** One page of columns (AttrPage without its file, page number, count and dictionary). */
type Columns = Omit<AttrPage, 'fileId' | 'page' | 'count' | 'dict'>;

/** Slots per page as a shift: slot s is entry s & (ATTR_PAGE_ENTRIES - 1) of page s >>> PAGE_SHIFT. */
const PAGE_SHIFT = Math.log2(ATTR_PAGE_ENTRIES);
const IN_PAGE = ATTR_PAGE_ENTRIES - 1;
/** A page's first columns hold this many slots; they double up to a full page as entries come. */
const FIRST_SIZE = 1024;

function columns(size: number): Columns {
  return { entry: new Float64Array(size), present: new Uint16Array(size), ...entryColumns(size) };
}

/** The same columns in `size` slots: copied into larger ones, or trimmed. */
function resized(c: Columns, size: number): Columns {
  if (size < c.entry.length) {
    const out = {} as Record<keyof Columns, unknown>;
    for (const key of Object.keys(c) as (keyof Columns)[]) out[key] = c[key].slice(0, size);
    return out as Columns;
  }
  const next = columns(size);
  for (const key of Object.keys(c) as (keyof Columns)[]) next[key].set(c[key] as never);
  return next;
}

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
    const lo = (code % 4294967296) | 0;
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
  private readonly slotOf = new CodeSlots();
  private readonly dict: string[] = [];
  private readonly dictIndex = new Map<string, number>();
  private readonly pageColumns: Columns[] = [];

  /** Slot of an entry code, created on first sight. */
  slot(code: number): number {
    let s = this.slotOf.get(code);
    if (s !== -1) return s;
    s = this.count++;
    const k = s & IN_PAGE;
    if (k === 0) this.pageColumns.push(columns(FIRST_SIZE));
    const last = this.pageColumns.length - 1;
    if (k === this.pageColumns[last]!.entry.length) this.pageColumns[last] = resized(this.pageColumns[last]!, k * 2);
    this.pageColumns[last]!.entry[k] = code;
    this.slotOf.add(code, s);
    return s;
  }

  private at(slot: number): Columns {
    return this.pageColumns[slot >>> PAGE_SHIFT]!;
  }

  setText(column: TextColumn, slot: number, value: string): void {
    let id = this.dictIndex.get(value);
    if (id === undefined) {
      id = this.dict.length;
      this.dict.push(value);
      this.dictIndex.set(value, id);
    }
    this.at(slot)[column][slot & IN_PAGE] = id;
  }

  setDay(column: DayColumn, slot: number, day: number): void {
    this.at(slot)[column][slot & IN_PAGE] = day;
  }

  /** `index`: the position of the value in the attribute's codes. */
  setCode(column: CodeColumn, slot: number, index: number): void {
    this.at(slot)[column][slot & IN_PAGE] = index;
  }

  setFlag(bit: number, slot: number, value: boolean): void {
    const c = this.at(slot);
    const k = slot & IN_PAGE;
    c.present[k]! |= bit;
    if (value) c.flags[k]! |= bit;
    else c.flags[k]! &= ~bit;
  }

  /** A row of the entry had a problem. */
  markBad(slot: number): void {
    this.at(slot).bad[slot & IN_PAGE] = 1;
  }

  /** The file's attributes in pages of up to ATTR_PAGE_ENTRIES entries; the accumulator is spent after. */
  pages(fileId: number): AttrPage[] {
    return this.pageColumns.map((c, page) => {
      const count = Math.min(ATTR_PAGE_ENTRIES, this.count - page * ATTR_PAGE_ENTRIES);
      return { fileId, page, count, dict: this.dict, ...(count < c.entry.length ? resized(c, count) : c) };
    });
  }
}
