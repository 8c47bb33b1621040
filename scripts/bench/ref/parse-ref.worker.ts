/**
 * The parse reference of the benchmark: PapaParse over the File in our own module worker, with the
 * settings the perf anchors measured (worker: false, ~1 MiB chunks) and rows discarded. Nothing
 * else: this is the floor our full ingest is compared with. A UTF-16 file (byte-order mark) is read
 * in its encoding; 1 MiB slices start on even bytes, so each decodes whole.
 */
import Papa from 'papaparse';

export interface ParseRefResult {
  rows: number;
  workerMs: number;
  error: string | null;
}

/** Bytes per chunk PapaParse reads from the File: 1 MiB, as the app's own text chunks. */
const CHUNK_BYTES = 1 << 20;

/** The encoding a byte-order mark names, else UTF-8. */
async function encodingOf(file: File): Promise<string> {
  const b = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  if (b[0] === 0xff && b[1] === 0xfe) return 'UTF-16LE';
  if (b[0] === 0xfe && b[1] === 0xff) return 'UTF-16BE';
  return 'UTF-8';
}

self.onmessage = async (e: MessageEvent<File>) => {
  const started = performance.now();
  let rows = 0;
  Papa.parse<string[]>(e.data, {
    worker: false,
    encoding: await encodingOf(e.data),
    chunkSize: CHUNK_BYTES,
    chunk(results) {
      rows += results.data.length;
    },
    complete() {
      self.postMessage({ rows, workerMs: performance.now() - started, error: null } satisfies ParseRefResult);
    },
    error(err) {
      self.postMessage({ rows, workerMs: performance.now() - started, error: err.message } satisfies ParseRefResult);
    },
  });
};
