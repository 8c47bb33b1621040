/**
 * Where a piece of CSV text can be cut so that only whole rows go to the parser: the last newline
 * outside quotes. Quote parity is exact for RFC 4180 quoting (an escaped `""` toggles twice).
 */

export function countQuotes(text: string, quote = '"'): number {
  let n = 0;
  for (let i = text.indexOf(quote); i !== -1; i = text.indexOf(quote, i + 1)) n++;
  return n;
}

/** Index of the last `\n` that ends a complete row, or -1 when the text holds no complete row. */
export function lastRowEnd(text: string, quote = '"'): number {
  let quotes = countQuotes(text, quote);
  const q = quote.charCodeAt(0);
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === q) quotes--;
    else if (c === 10 && quotes % 2 === 0) return i;
  }
  return -1;
}
