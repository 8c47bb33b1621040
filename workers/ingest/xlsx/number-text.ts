/**
 * The text of a numeric cell, made from the value string stored in the sheet XML by moving digits
 * and the decimal point around: never through binary floating point, so `1234.5599999999999` reaches
 * the money parser as written (it rounds half up at the cent) and `6.0576069342E10` becomes the entry
 * number `60576069342`.
 */

const EXPONENT_FORM = /^([+-]?)(\d*)(?:\.(\d*))?[eE]([+-]?\d+)$/;

/** Exponents beyond this are not amounts, dates or identifiers; such text is left as stored. */
const MAX_EXPONENT = 400;

/** Plain decimal digits for an XML number value; values without an exponent are returned as they are. */
export function plainNumberText(value: string): string {
  const m = EXPONENT_FORM.exec(value);
  if (!m) return value;
  const [, sign, whole = '', fraction = '', exponentText = ''] = m;
  const exponent = Number(exponentText);
  if ((whole === '' && fraction === '') || Math.abs(exponent) > MAX_EXPONENT) return value;
  let digits = whole + fraction;
  // Position of the decimal point, counted in digits from the left of `digits`.
  let point = whole.length + exponent;
  const lead = /^0*/.exec(digits)![0].length;
  if (lead === digits.length) return '0';
  digits = digits.slice(lead);
  point -= lead;
  let text: string;
  if (point <= 0) text = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) text = digits + '0'.repeat(point - digits.length);
  else text = `${digits.slice(0, point)}.${digits.slice(point)}`;
  if (text.includes('.')) text = text.replace(/\.?0+$/, '');
  return sign === '-' ? `-${text}` : text;
}

/** An integer shown with a zero-padding format such as `00000000000` keeps the zeros Excel displays. */
export function zeroPadded(text: string, width: number): string {
  return text.length < width && /^\d+$/.test(text) ? text.padStart(width, '0') : text;
}
