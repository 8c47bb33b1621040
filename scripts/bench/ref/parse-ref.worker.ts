/**
 * The parse reference of the benchmark: PapaParse over the File in our own module worker, with the
 * settings the perf anchors measured (worker: false, ~1 MiB chunks) and rows discarded. Nothing
 * else: this is the floor our full ingest is compared with.
 */
import Papa from 'papaparse';

export interface ParseRefResult {
  rows: number;
  workerMs: number;
  error: string | null;
}

/** Bytes per chunk PapaParse reads from the File: 1 MiB, as the app's own text chunks. */
const CHUNK_BYTES = 1 << 20;

self.onmessage = (e: MessageEvent<File>) => {
  const started = performance.now();
  let rows = 0;
  Papa.parse<string[]>(e.data, {
    worker: false,
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
