/**
 * `npm run size`: what the first page load transfers, gzip-compressed: index.html, the JS and CSS it
 * references, and the worker chunk the app starts at once. Run after `npm run build`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'dist';
const html = readFileSync(join(dir, 'index.html'));
const referenced = [...html.toString().matchAll(/(?:src|href)="(?:\.?\/)?(assets\/[^"]+\.(?:js|css))"/g)].map(
  (m) => m[1],
);
// The dataset worker starts with the app; the digest worker only when a file is dropped.
const workers = readdirSync(join(dir, 'assets'))
  .filter((f) => /^dataset\.worker.*\.js$/.test(f))
  .map((f) => `assets/${f}`);
const files = ['index.html', ...new Set([...referenced, ...workers])];
let total = 0;
for (const f of files) {
  const raw = readFileSync(join(dir, f));
  const gz = gzipSync(raw, { level: 9 }).length;
  total += gz;
  console.log(
    `${f.padEnd(48)} ${(raw.length / 1024).toFixed(1).padStart(8)} KB raw ${(gz / 1024).toFixed(1).padStart(8)} KB gzip`,
  );
}
console.log(`initial load: ${(total / 1024).toFixed(1)} KB gzip (budget 200 KB)`);
