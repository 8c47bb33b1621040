/**
 * Money as integer cents. Amounts are parsed digit by digit straight to cents, never through
 * binary floating point; a JS number holds cents exactly up to 2^53 (≈ $90 trillion).
 */
export type Cents = number & { readonly __brand: 'Cents' };

export type MoneyCell = Cents | 'blank' | 'invalid';

/** Largest magnitude accepted, in cents: 10^15 cents = $10 trillion, far above any entry. */
const MAX_CENTS = 1e15;

const C_0 = 48;
const C_9 = 57;

/**
 * Parse a money cell: `1234.5`, `$1,234.56`, `(1,234.56)`, `-1234.56`, `1234.56-`, `+3`, `USD 5`.
 * More than two decimals are rounded half away from zero to the cent.
 */
export function parseMoneyCents(raw: string): MoneyCell {
  return parseMoneyCentsIn(raw, 0, raw.length);
}

/** Whether char code c is white space as String.prototype.trim sees it (WhiteSpace and LineTerminator). */
export function isTrimmedSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return (
    c === 160 ||
    c === 5760 ||
    (c >= 8192 && c <= 8202) ||
    c === 8232 ||
    c === 8233 ||
    c === 8239 ||
    c === 8287 ||
    c === 12288 ||
    c === 65279
  );
}

/**
 * parseMoneyCents of s[from .. to), read in place: a scanned CSV cell is parsed without a string
 * made of it (every row of an export has two amounts).
 */
export function parseMoneyCentsIn(s: string, from: number, to: number): MoneyCell {
  let i = from;
  let end = to;
  while (i < end && isTrimmedSpace(s.charCodeAt(i))) i++;
  while (end > i && isTrimmedSpace(s.charCodeAt(end - 1))) end--;
  if (i === end) return 'blank';
  let negative = false;
  if (s.charCodeAt(i) === 40 /* ( */ && s.charCodeAt(end - 1) === 41 /* ) */) {
    negative = true;
    i++;
    end--;
    while (i < end && isTrimmedSpace(s.charCodeAt(i))) i++;
    while (end > i && isTrimmedSpace(s.charCodeAt(end - 1))) end--;
  }
  let sawSign = false;
  let sawCurrency = false;
  // Leading sign and currency marks, in either order ("-$5", "$-5", "USD 5").
  for (;;) {
    const c = i < end ? s.charCodeAt(i) : -1;
    if ((c === 45 /* - */ || c === 43) /* + */ && !sawSign) {
      sawSign = true;
      if (c === 45) negative = !negative;
      i++;
    } else if (c === 36 /* $ */ && !sawCurrency) {
      sawCurrency = true;
      i++;
    } else if (c === 32 /* space */) {
      i++;
    } else if (!sawCurrency && end - i >= 3 && s.startsWith('USD', i)) {
      sawCurrency = true;
      i += 3;
    } else break;
  }
  if (!sawSign && end > i && s.charCodeAt(end - 1) === 45) {
    negative = !negative;
    end--;
  }
  let whole = 0;
  let frac = 0; // hundredths collected so far
  let fracDigits = 0;
  let roundUp = false;
  let digits = 0;
  let inFraction = false;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= C_0 && c <= C_9) {
      const v = c - C_0;
      if (!inFraction) {
        whole = whole * 10 + v;
        digits++;
        if (digits > 13) return 'invalid';
      } else if (fracDigits < 2) {
        frac = frac * 10 + v;
        fracDigits++;
      } else if (fracDigits === 2) {
        roundUp = v >= 5;
        fracDigits++;
      }
    } else if (c === 44 /* , */ && !inFraction && digits > 0) {
      continue;
    } else if (c === 46 /* . */ && !inFraction) {
      inFraction = true;
    } else {
      return 'invalid';
    }
  }
  if (digits === 0 && fracDigits === 0) return 'invalid';
  if (fracDigits === 1) frac *= 10;
  let cents = whole * 100 + frac + (roundUp ? 1 : 0);
  if (cents > MAX_CENTS) return 'invalid';
  if (negative && cents !== 0) cents = -cents;
  return cents as Cents;
}

/** `-1234.50` style: two decimals, no separators. */
export function formatCents(cents: number): string {
  const neg = cents < 0;
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const frac = abs - whole * 100;
  return `${neg ? '-' : ''}${whole}.${frac < 10 ? '0' : ''}${frac}`;
}

/** `$1,234.50` for display. */
export function formatUsd(cents: number): string {
  const neg = cents < 0;
  const plain = formatCents(Math.abs(cents));
  const dot = plain.indexOf('.');
  const grouped = plain.slice(0, dot).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '−' : ''}$${grouped}${plain.slice(dot)}`;
}
