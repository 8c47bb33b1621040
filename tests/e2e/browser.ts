/** Launch Debian's Chromium headless with the flags this machine needs, and record every request. */
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Every URL the page or its workers requested. */
  requests: string[];
  /** Uncaught page errors and console errors. */
  errors: string[];
  close(): Promise<void>;
}

/** A fresh persistent profile (so IndexedDB survives reloads within the session). */
export async function openApp(
  baseUrl: string,
  options: { userDataDir?: string; offline?: boolean } = {},
): Promise<Session> {
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'cape-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
    acceptDownloads: true,
    viewport: { width: 1366, height: 768 },
  });
  const requests: string[] = [];
  const errors: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  // Every Content-Security-Policy violation counts as an error, in every page of the context.
  await context.exposeBinding('__capeCspViolation', (_source, text: string) => errors.push(`csp: ${text}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __capeCspViolation(t: string): void }).__capeCspViolation(
        `${e.violatedDirective} blocked ${e.blockedURI || '(none)'}`,
      );
    });
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.goto(baseUrl);
  return { context, page, requests, errors, close: () => context.close() };
}

export type { Browser, Page };
