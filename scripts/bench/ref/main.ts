/**
 * The reference page: hands the chosen File to a module worker that runs PapaParse alone, and shows
 * the result as JSON in #result. Time runs from the input's change event to the worker's answer,
 * measured on the main thread as the app's ingest is.
 */
import type { ParseRefResult } from './parse-ref.worker';

const worker = new Worker(new URL('./parse-ref.worker.ts', import.meta.url), { type: 'module' });
const input = document.getElementById('file') as HTMLInputElement;
const output = document.getElementById('result') as HTMLOutputElement;

input.addEventListener('change', () => {
  const file = input.files?.[0];
  if (!file) return;
  output.textContent = '';
  const started = performance.now();
  worker.onmessage = (e: MessageEvent<ParseRefResult>) => {
    output.textContent = JSON.stringify({ ...e.data, pageMs: performance.now() - started });
  };
  worker.postMessage(file);
});
