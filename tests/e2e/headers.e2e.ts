/**
 * The security policy as response headers: the build served with its `_headers` applied (as Netlify and
 * Cloudflare Pages do) sends the policy with every file, so the app's worker is held to it too — a
 * request from inside the worker to another origin is refused — and "Your data" says the header
 * arrived. The same build served without headers is the control: there the worker's request goes out.
 * The other origin is a server on this machine that counts what reaches it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type Server, createServer } from 'node:http';
import { serveStatic } from '../../scripts/serve-static.mjs';
import { type Session, openApp } from './browser';
import { showScreen, stopServer, waitControlled, waitReady, isAppWorkerUrl } from './helpers';
import { HASHED_CACHE, REVALIDATE_CACHE, SECURITY_HEADERS, contentSecurityPolicy } from '../../deploy/security-headers';
import type { Page, Worker } from 'playwright-core';

const DIST = process.env.E2E_DIST ?? 'dist';

let s: Session | null = null;
let servers: Server[] = [];
afterEach(async () => {
  await s?.close();
  s = null;
  for (const server of servers) if (server.listening) await stopServer(server);
  servers = [];
});

async function serve(headers: boolean): Promise<{ server: Server; url: string }> {
  const started = await serveStatic(DIST, 0, { headers });
  servers.push(started.server);
  return started;
}

/** Another origin (another port of this machine): the paths of the requests that reached it. */
async function otherOrigin(): Promise<{ url: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'access-control-allow-origin': '*' }).end('ok');
  });
  servers.push(server);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}/collect`, hits };
}

/** The app's worker (parsing, storage, analysis). */
async function appWorker(page: Page): Promise<Worker> {
  const isApp = (w: Worker) => isAppWorkerUrl(w.url());
  return page.workers().find(isApp) ?? (await page.waitForEvent('worker', { predicate: isApp }));
}

/** A request to `url` from inside the app's worker: 'sent', or why it was refused. */
function requestFromWorker(worker: Worker, url: string): Promise<string> {
  return worker.evaluate(
    (u) =>
      fetch(u, { mode: 'no-cors' }).then(
        () => 'sent',
        (e: unknown) => `refused: ${String(e)}`,
      ),
    url,
  );
}

async function policyShown(page: Page): Promise<string> {
  await showScreen(page, 'Your data');
  return (await page.getByTestId('policy-header').textContent()) ?? '';
}

describe('the security policy as response headers (_headers applied)', () => {
  it('every file carries the headers; inside the worker a request to another origin is refused; "Your data" says so, offline too', async () => {
    const { server, url } = await serve(true);
    const other = await otherOrigin();
    const headersOf = async (path: string) => Object.fromEntries((await fetch(new URL(path, url))).headers);
    const security = Object.fromEntries(Object.entries(SECURITY_HEADERS).map(([k, v]) => [k.toLowerCase(), v]));
    for (const path of ['', 'index.html', 'sw.js']) {
      expect(await headersOf(path), path).toMatchObject({ ...security, 'cache-control': REVALIDATE_CACHE });
    }
    expect((await fetch(new URL('_headers', url))).status).toBe(404);

    s = await openApp(url);
    await waitReady(s.page);
    const worker = await appWorker(s.page);
    expect(await headersOf(worker.url())).toMatchObject({ ...security, 'cache-control': HASHED_CACHE });
    // The page's own <meta> copy of the policy is the header's, less what only a header can say.
    expect(await s.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(
      contentSecurityPolicy('meta'),
    );

    expect(await requestFromWorker(worker, other.url)).toMatch(/^refused: TypeError/);
    expect(other.hits).toEqual([]);
    expect(await policyShown(s.page)).toContain('Sent by this site as a response header');

    // Offline, the worker comes from the offline copy, which kept the headers it was served with.
    await waitControlled(s.page);
    await s.context.setOffline(true);
    await stopServer(server);
    await s.page.reload();
    await waitReady(s.page);
    expect(await policyShown(s.page)).toContain('Sent by this site as a response header');
    expect(other.hits).toEqual([]);
    expect(s.errors).toEqual([]);
  });

  it('control: served without headers, the worker is not held to the policy (its request goes out) and "Your data" says the header is missing', async () => {
    const { url } = await serve(false);
    const other = await otherOrigin();
    s = await openApp(url);
    await waitReady(s.page);
    expect((await fetch(url)).headers.get('content-security-policy')).toBeNull();
    expect(await requestFromWorker(await appWorker(s.page), other.url)).toBe('sent');
    expect(other.hits).toEqual(['/collect']);
    expect(await policyShown(s.page)).toContain('Not sent as a response header');
    expect(s.errors).toEqual([]);
  });
});
