/**
 * A plain static file server for the production build: what any static host does, nothing more.
 * Used by the browser tests and the benchmark.
 * Usage: node scripts/serve-static.mjs <dir> [port] [--base /some/path/] [--headers]
 *   --base     serve the build under that path only; every request outside it answers 404
 *   --headers  send the headers of <dir>/_headers as Netlify and Cloudflare Pages do (and not serve the file)
 */
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.wasm': 'application/wasm',
};

/**
 * The rules of a `_headers` file (Netlify, Cloudflare Pages): a URL path at the start of a line, then its
 * headers indented below it; `#` starts a comment. In a path, `*` matches anything (slashes included) and
 * `:name` one path segment.
 */
export function parseHeadersFile(text) {
  const rules = [];
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    if (/^\s*(#|$)/.test(line)) continue;
    if (!/^\s/.test(line)) {
      const pattern = line
        .trim()
        .split(/(\*|:[A-Za-z]\w*)/)
        .map((p) => (p === '*' ? '.*' : p.startsWith(':') ? '[^/]+' : p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
        .join('');
      rules.push({ pattern: new RegExp(`^${pattern}$`), headers: [] });
      continue;
    }
    const colon = line.indexOf(':');
    if (rules.length === 0 || colon < 0) throw new Error(`_headers line ${i + 1}: not a header of a path: ${line}`);
    rules.at(-1).headers.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]);
  }
  return rules;
}

/** The headers for a request path: every matching rule applies; a header named by several is joined with commas. */
export function headersFor(rules, path) {
  const out = {};
  for (const rule of rules) {
    if (!rule.pattern.test(path)) continue;
    for (const [name, value] of rule.headers) out[name] = out[name] ? `${out[name]}, ${value}` : value;
  }
  return out;
}

/**
 * Start serving `dir` on 127.0.0.1:`port` (0 = any free port) under `base`; resolves to the server and the
 * app's URL. With `headers`, `dir/_headers` is applied to every response instead of being served.
 */
export async function serveStatic(dir, port = 0, { base = '/', headers = false } = {}) {
  if (!/^\/(.+\/)?$/.test(base)) throw new Error(`base must start and end with "/": ${base}`);
  const root = resolve(dir);
  const rules = headers ? parseHeadersFile(await readFile(join(root, '_headers'), 'utf8')) : [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const sent = headersFor(rules, url.pathname);
    try {
      const path = decodeURIComponent(url.pathname);
      if (!path.startsWith(base)) throw new Error('outside the app');
      let file = normalize(join(root, path.slice(base.length)));
      if (!file.startsWith(root)) {
        res.writeHead(403).end();
        return;
      }
      if (headers && file === join(root, '_headers')) throw new Error('read by the host, not served');
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
        ...sent,
      });
      res.end(body);
    } catch {
      res.writeHead(404, { ...sent, 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  const address = server.address();
  return { server, url: `http://127.0.0.1:${address.port}${base}` };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { base: { type: 'string', default: '/' }, headers: { type: 'boolean', default: false } },
  });
  const [dir = 'dist', port = '4173'] = positionals;
  const { url } = await serveStatic(dir, Number(port), values);
  console.log(`Serving ${dir} at ${url}${values.headers ? ` with ${dir}/_headers` : ''}`);
}
