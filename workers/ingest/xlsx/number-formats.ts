/**
 * What a cell's number format says about its numeric value: a date (an Excel serial day number),
 * an integer padded with zeros (`00000000000` keeps an entry number's leading zeros on screen),
 * or a plain number.
 */

export type NumberStyle = { kind: 'plain' } | { kind: 'date' } | { kind: 'pad'; width: number };

const PLAIN: NumberStyle = { kind: 'plain' };
const DATE: NumberStyle = { kind: 'date' };

/** Built-in format ids that show dates or times (ECMA-376 §18.8.30): 14–22 and 45–47. */
function isBuiltInDate(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 45 && id <= 47);
}

/**
 * A custom format code shows a date when, outside quoted text, escapes and [brackets], it has a
 * day, month or year token; a code whose only time tokens are elapsed ones (`[h]:mm:ss`) shows a
 * duration, not a day. `m` counts even next to `h` (`h:mm`): the value is still a serial day number.
 */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/AM\/PM|A\/P/gi, '');
  const elapsed = /\[(h+|m+|s+)\]/i.test(bare);
  const tokens = bare.replace(/\[[^\]]*\]/g, '');
  if (/[dy]/i.test(tokens)) return true;
  return /m/i.test(tokens) && !elapsed;
}

export function numberStyle(id: number, custom: ReadonlyMap<number, string>): NumberStyle {
  const code = custom.get(id);
  if (code === undefined) return isBuiltInDate(id) ? DATE : PLAIN;
  if (isDateFormat(code)) return DATE;
  // Only the first section (positive numbers) matters for the padding of an identifier.
  const first = code.split(';')[0]!;
  return /^0{2,}$/.test(first) ? { kind: 'pad', width: first.length } : PLAIN;
}
