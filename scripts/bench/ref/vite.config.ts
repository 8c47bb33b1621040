/** Builds the bench-only reference page into .tmp/ (never into the app's dist/). */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  logLevel: 'warn',
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    outDir: fileURLToPath(new URL('../../../.tmp/bench-ref-dist', import.meta.url)),
    emptyOutDir: true,
  },
});
