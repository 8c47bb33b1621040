/**
 * The one-page report and how the app reads on paper and on a phone, on the production build: the
 * report's figures and every loaded file's SHA-256 (computed here with node:crypto), every screen printed
 * at Letter width, a filing date typed key by key, the Overview at 390×844, the Report screen from the
 * keyboard.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createHash } from 'node:crypto';
import { type Session, openApp } from './browser';
import { addFiles, download, setFilingDate, showScreen, totalRefund, waitReady, loadSample } from './helpers';
import { csvText, row, simpleEntry } from '../factories/es003';
import { SCREEN_LABELS } from '../../src/ui/screens';
import builtInPack from '../../src/core/builtin-rulepack.json';

let s: Session;
afterEach(async () => {
  expect(s.errors).toEqual([]);
  await s.close();
});

/** Two ES-003 files; the second's bytes differ from the first's in every way that matters to a hash. */
const FILES = [
  { name: 'report-a.csv', text: csvText([...simpleEntry('B7603245278'), ...simpleEntry('B7600000015')]) },
  {
    name: 'report-b.csv',
    text: csvText([
      ...simpleEntry('ABC12345676', { importer: '98-7654321-00', name: 'Müller Küchentechnik GmbH' }),
      row({ entry: 'Z9900000003', hts: '8471300100', value: '2000.00', duty: '50.00' }),
    ]),
  },
];
const sha256 = (text: string) => createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');

async function openWithSample(): Promise<void> {
  s = await openApp(inject('baseUrl'));
  await loadSample(s.page);
}

/** `$1,234.50` from the entries CSV's `1234.50`. */
const usd = (plain: string) => `$${Number(plain.split('.')[0]).toLocaleString('en-US')}.${plain.split('.')[1]}`;

describe('the one-page report', () => {
  it('states the total, the filing date, the rule pack and every loaded file with its SHA-256, on screen and in the download', async () => {
    s = await openApp(inject('baseUrl'));
    await waitReady(s.page);
    await setFilingDate(s.page, '2026-05-04');
    await addFiles(s.page, FILES);
    const shown = (await s.page.getByTestId('total-refund').textContent())!;
    expect(shown).toMatch(/^\$\d{1,3}(,\d{3})*\.\d{2}$/);
    const total = usd(await totalRefund(s.page));
    expect(shown).toBe(total);

    const { name, bytes } = await download(s.page, 'export-report');
    expect(name).toBe('CAPE-report-all-IORs-2026-05-04.html');
    const html = bytes.toString('utf8');
    const report = s.page.getByTestId('report');
    await report.waitFor();
    const onScreen = (await report.textContent())!;
    for (const text of [html, onScreen]) {
      expect(text).toContain(total);
      expect(text).toContain('2026-05-04');
      expect(text).toContain(builtInPack.version);
      for (const f of FILES) {
        expect(text).toContain(f.name);
        expect(text).toContain(sha256(f.text));
      }
    }
    // The headline figure is the total, and the file is self-contained: its styles inside, no script, nothing fetched.
    expect(await report.locator('[data-report="total"]').textContent()).toBe(total);
    expect(html).toMatch(/^<!doctype html>.*<style>/);
    expect(html).not.toMatch(/<script|<link|src=|url\(/i);

    // A broker's report per IOR: only that importer's entries.
    await s.page.getByTestId('report-ior').selectOption({ label: '98-7654321-00 — Müller Küchentechnik GmbH' });
    await report.getByText('CAPE refund summary — Müller Küchentechnik GmbH (98-7654321-00)').waitFor();
    expect(await report.textContent()).not.toContain('Acme Imports');
  });

  it('prints every screen within a Letter page, with no navigation, top bar or buttons, and the as-of line on top', async () => {
    await openWithSample();
    const version = builtInPack.version;
    for (const screen of SCREEN_LABELS) {
      await s.page.setViewportSize({ width: 1366, height: 768 });
      await s.page.emulateMedia({ media: 'screen' });
      await showScreen(s.page, screen);
      // Letter is 8.5 in wide; with the 0.5 in margins of the print stylesheet, 7.5 in = 720 CSS px of content.
      await s.page.setViewportSize({ width: 720, height: 960 });
      await s.page.emulateMedia({ media: 'print' });
      const paper = await s.page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const visible = (el: Element | null) => !!el && getComputedStyle(el).display !== 'none';
        const wide = [...document.querySelectorAll('main *')]
          .filter((el) => {
            const r = el.getBoundingClientRect();
            return r.width > 0 && r.right > width + 1 && getComputedStyle(el).visibility !== 'hidden';
          })
          .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
        return {
          scrolls: document.documentElement.scrollWidth > width,
          wide: wide.slice(0, 5),
          nav: visible(document.querySelector('nav.side')),
          topBar: visible(document.querySelector('header.top')),
          buttons: [...document.querySelectorAll('main button:not(.linkish)')].filter(visible).length,
          header: (document.querySelector('[data-testid="print-header"]')?.textContent ?? '').replace(/\s+/g, ' '),
        };
      });
      expect(paper, screen).toEqual({
        scrolls: false,
        wide: [],
        nav: false,
        topBar: false,
        buttons: 0,
        header: expect.stringContaining(`rule pack ${version}`) as string,
      });
    }
    await s.page.emulateMedia({ media: 'screen' });
  });

  it('applies a filing date typed key by key once, when the date is complete', async () => {
    await openWithSample();
    const status = s.page.getByTestId('status');
    const before = Number(await status.getAttribute('data-analysis'));
    await s.page.getByTestId('filing-date').focus();
    await s.page.keyboard.type('12012026', { delay: 80 });
    await expect(s.page.getByTestId('filing-date').inputValue()).resolves.toBe('2026-12-01');
    await s.page.waitForFunction(
      (v) => document.querySelector('[data-testid="status"]')?.getAttribute('data-analysis') !== String(v),
      before,
    );
    await waitReady(s.page);
    // One analysis after the whole date: none for 2026-12-29 (the month typed), 0002, 0020 or 0202.
    expect(Number(await status.getAttribute('data-analysis'))).toBe(before + 1);
    expect(await s.page.getByRole('alert').count()).toBe(0);
    // The date stays when the field is left.
    await s.page.keyboard.press('Tab');
    await waitReady(s.page);
    expect(Number(await status.getAttribute('data-analysis'))).toBe(before + 1);
    await showScreen(s.page, 'Report');
    await s.page.getByTestId('report').locator('[data-report="filing-date"]', { hasText: '2026-12-01' }).waitFor();
    // A date set at once (the date picker: input and change events, no key pressed) is one analysis too.
    await s.page.getByTestId('filing-date').fill('2026-12-08');
    await waitReady(s.page);
    await s.page.waitForTimeout(800);
    await waitReady(s.page);
    expect(Number(await status.getAttribute('data-analysis'))).toBe(before + 2);
  });

  it('fits a 390×844 phone: the Overview and the Report do not scroll sideways, the navigation is one row', async () => {
    await openWithSample();
    await s.page.setViewportSize({ width: 390, height: 844 });
    for (const screen of ['Overview', 'Report']) {
      await showScreen(s.page, screen);
      const fit = await s.page.evaluate(() => {
        const doc = document.documentElement;
        const main = document.querySelector('main')!;
        const nav = document.querySelector('nav.side')!.getBoundingClientRect();
        return {
          sideways: doc.scrollWidth > doc.clientWidth || main.scrollWidth > main.clientWidth,
          navWidth: Math.round(nav.width),
        };
      });
      expect(fit, screen).toEqual({ sideways: false, navWidth: 390 });
    }
  });

  it('works from the keyboard: every control of the Report screen reachable with Tab and named; Enter downloads', async () => {
    await openWithSample();
    await showScreen(s.page, 'Report');
    await s.page.getByRole('heading', { name: 'One-page report' }).evaluate((h) => {
      h.setAttribute('tabindex', '-1');
      (h as HTMLElement).focus();
    });
    const names: string[] = [];
    for (let k = 0; k < 10; k++) {
      await s.page.keyboard.press('Tab');
      const r = await s.page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || !el.closest('main')) return null;
        const labels = (el as HTMLInputElement).labels
          ? [...(el as HTMLInputElement).labels!].map((l) => l.textContent ?? '').join(' ')
          : '';
        return (el.getAttribute('aria-label') || labels || el.textContent || '').trim();
      });
      if (r === null) break;
      names.push(r);
    }
    for (const want of ['Report for', 'Print or save as PDF', 'Download (HTML)'])
      expect(
        names.some((n) => n.startsWith(want)),
        `${want} in ${names.join(' | ')}`,
      ).toBe(true);
    expect(names.filter((n) => n === '')).toEqual([]);
    await s.page.getByTestId('download-report').focus();
    const [dl] = await Promise.all([s.page.waitForEvent('download'), s.page.keyboard.press('Enter')]);
    expect(dl.suggestedFilename()).toMatch(/^CAPE-report-all-IORs-\d{4}-\d{2}-\d{2}\.html$/);
  });
});
