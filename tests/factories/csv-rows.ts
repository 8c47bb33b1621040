/** Reading delimited text in tests: the batches of csvBatches as plain arrays of strings, and byte streams cut anywhere. */
import { type CsvHeader, type RecordBatch, csvBatches } from '../../workers/ingest/csv-records';
import { type Rows, asRows } from '../../workers/ingest/rows';

/** Every row as an array of strings. */
export function toArrays(rows: Rows): string[][] {
  const out: string[][] = [];
  for (let r = 0; r < rows.length; r++) {
    const row: string[] = [];
    for (let c = 0; c < rows.width(r); c++) row.push(rows.cell(r, c)!);
    out.push(row);
  }
  return out;
}

/** csvBatches' batches with every row as an array of strings (scanned rows made into strings). */
export async function* csvRecords(
  chunks: AsyncIterable<string>,
  onHeader: (h: CsvHeader) => void,
): AsyncGenerator<RecordBatch> {
  for await (const b of csvBatches(chunks, onHeader)) yield { rows: toArrays(asRows(b.rows)), firstRow: b.firstRow };
}

/** A stream that hands out `bytes` in pieces of `size` bytes: boundaries fall inside characters. */
export function streamOf(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(c) {
      if (at >= bytes.length) return c.close();
      c.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}
