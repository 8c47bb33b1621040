/**
 * One worksheet cell as the text a CSV export of the same sheet would carry, so RowReader parses
 * workbook rows exactly like CSV rows: dates become `YYYY-MM-DD`, numbers their exact decimal
 * digits, booleans TRUE/FALSE, strings stay as typed (leading zeros kept).
 */
import { type DayNum, dayFromExcelSerial, formatDay } from '../../../src/core/dates';
import { FileRejected } from '../csv-records';
import type { NumberStyle } from './number-formats';
import { plainNumberText, zeroPadded } from './number-text';
import { unescapeOoxml } from './xml-stream';

export interface CellContext {
  strings: readonly string[];
  /** Number style per cell format index (`s` attribute). */
  styles: readonly NumberStyle[];
  date1904: boolean;
}

/** Serial of 1904-01-01 in the 1900 system (days). */
const DAYS_1900_TO_1904 = 1462;
/** Serial of 1970-01-01 (DayNum 0) in the 1900 system (days). */
const SERIAL_OF_EPOCH = 25569;
/** From serial 61 (1900-03-01) on, Excel's calendar is the real one (it counts a fictitious 1900-02-29 as 60). */
const FIRST_TRUE_SERIAL = 61;
/** Serial of 10000-01-01, past Excel's last date (days). */
const END_SERIAL = 2958466;

const PLAIN: NumberStyle = { kind: 'plain' };
const ISO_DAY = /^\d{4}-\d{2}-\d{2}/;

/** A date cell's serial as `YYYY-MM-DD`. Dates before 2000 keep their date text and stay invalid: RowReader reports them. */
export function serialDateText(value: string, date1904: boolean): string {
  const serial = Number(value) + (date1904 ? DAYS_1900_TO_1904 : 0);
  const day = dayFromExcelSerial(serial);
  if (day !== 'invalid' && day !== 'blank') return formatDay(day);
  if (serial >= FIRST_TRUE_SERIAL && serial < END_SERIAL)
    return formatDay((Math.floor(serial) - SERIAL_OF_EPOCH) as DayNum);
  return plainNumberText(value);
}

export function numericCellText(value: string, style: NumberStyle, date1904: boolean): string {
  switch (style.kind) {
    case 'date':
      return serialDateText(value, date1904);
    case 'pad':
      return zeroPadded(plainNumberText(value), style.width);
    case 'plain':
      return plainNumberText(value);
    default: {
      const never: never = style;
      throw new Error(`unknown number style ${String(never)}`);
    }
  }
}

/** `C5` → 2: the column of a cell reference `ref[from, to)`. Letters only are read; -1 when it has none. */
export function columnIndex(ref: string, from = 0, to = ref.length): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = ref.charCodeAt(i) | 0x20; // lower-case a letter; digits stay outside a–z
    if (c < 97 || c > 122) break;
    n = n * 26 + (c - 96);
  }
  return n - 1;
}

/**
 * A cell's type (`t`) as a constant for the usual ones, so readers make no string of it and sinks
 * compare it by identity: from its length, its first character's code and whether it reads `str`;
 * null for another.
 */
export function knownCellType(length: number, first: number, isStr: boolean): string | null {
  if (length === 3 && isStr) return 'str';
  if (length !== 1) return null;
  switch (first) {
    case 115:
      return 's';
    case 110:
      return 'n';
    case 98:
      return 'b';
    case 101:
      return 'e';
    case 100:
      return 'd';
    default:
      return null;
  }
}

/** Shared string `index` (a number, or the digits of a `t="s"` cell's value). */
export function sharedText(index: number | string, ctx: CellContext): string {
  const s = ctx.strings[Number(index)];
  if (s === undefined)
    throw new FileRejected(`The workbook is damaged: a cell refers to shared string ${index}, which does not exist.`);
  return s;
}

/** `type` is the cell's `t` attribute; `value` the text of `<v>` (or of `<is>` for inline strings). */
export function cellText(type: string, value: string, style: number, ctx: CellContext): string {
  if (value === '') return '';
  switch (type) {
    case 's':
      return sharedText(value, ctx);
    case 'inlineStr':
      return value;
    case 'str':
    case 'e':
      return unescapeOoxml(value);
    case 'b':
      return value === '1' ? 'TRUE' : value === '0' ? 'FALSE' : value;
    case 'd':
      return ISO_DAY.test(value) ? value.slice(0, 10) : value;
    default:
      return numericCellText(value, ctx.styles[style] ?? PLAIN, ctx.date1904);
  }
}
