/**
 * Mapping columns by hand, in the browser: an export whose headers were renamed beyond any alias is
 * refused with "Map columns…"; choosing each field's column on the mapping screen (with sample
 * values shown) reads it into the same entries CSV as the ES-003 original, byte for byte, and the
 * choice is remembered: the same headers read without asking after a reload.
 */
import { afterEach, expect, inject, it } from 'vitest';
import { type Session, openApp } from './browser';
import { addFiles, download, setFilingDate, waitReady } from './helpers';
import { dayFromYmd } from '../../src/core/dates';
import { SAMPLE_HEADERS, sampleCsv } from '../../src/core/sample-es003';

const FILING_DATE = '2026-05-04';
const original = sampleCsv({ entries: 300, seed: 7, filingDate: dayFromYmd(2026, 5, 4), formattedMoney: true });
/** The same export with every header renamed: "Col 1 (Entry Summary Number)" would still be guessed, so plain letters. */
const RENAMED = SAMPLE_HEADERS.map((_, i) => `Field ${String.fromCharCode(65 + i)}`);
const renamed = [RENAMED.join(','), ...original.split('\r\n').slice(1)].join('\r\n');

const sessions: Session[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) {
    expect(s.errors).toEqual([]);
    await s.close();
  }
});

async function session(userDataDir?: string): Promise<Session> {
  const s = await openApp(inject('baseUrl'), userDataDir ? { userDataDir } : {});
  sessions.push(s);
  await waitReady(s.page);
  await setFilingDate(s.page, FILING_DATE);
  return s;
}

it('a file with renamed headers, mapped by hand, gives the entries CSV of the ES-003 original', async () => {
  const a = await session();
  await addFiles(a.page, [{ name: 'original.csv', text: original }]);
  const expected = (await download(a.page, 'export-entries')).bytes.toString('utf8');
  expect(expected.split('\r\n').length).toBeGreaterThan(300);

  const b = await session();
  const { page } = b;
  await addFiles(page, [{ name: 'renamed.csv', text: renamed }]);
  const error = page.getByTestId('file-error').filter({ hasText: 'renamed.csv' });
  await expect.poll(() => error.textContent()).toMatch(/No header row found in the first 30 lines/);
  await error.getByRole('button', { name: 'Map columns…' }).click();

  const screen = page.getByRole('region', { name: 'Map columns' });
  await screen.getByRole('heading', { name: 'Map the columns of renamed.csv' }).waitFor();
  await expect.poll(() => screen.getByRole('status').textContent()).toMatch(/Still missing: Entry Summary Number/);
  for (const [i, header] of SAMPLE_HEADERS.entries()) {
    const select = screen.getByLabel(`Column for ${header}`, { exact: true });
    await select.selectOption({ label: `Column ${i + 1}: ${RENAMED[i]}` });
  }
  // The sample values of the chosen column are shown beside it.
  const entryRow = screen.getByRole('row').filter({ hasText: 'Entry Summary Number' }).first();
  await expect.poll(() => entryRow.textContent()).toMatch(/[A-Z0-9]{3}\d{8} · /);
  await expect.poll(() => screen.getByRole('status').textContent()).toBe('Reads as an ES-003 export.');
  await screen.getByTestId('mapping-import').click();
  await waitReady(page);
  expect(await page.getByTestId('file-error').count()).toBe(0);
  expect((await download(page, 'export-entries')).bytes.toString('utf8')).toBe(expected);

  // Remembered: after a reload, a file with the same headers is read with the same columns at once.
  await page.reload();
  await waitReady(page);
  await setFilingDate(page, FILING_DATE);
  await addFiles(page, [{ name: 'renamed-again.csv', text: renamed }]);
  expect(await page.getByTestId('file-error').count()).toBe(0);
  expect((await download(page, 'export-entries')).bytes.toString('utf8')).toBe(expected);
});
