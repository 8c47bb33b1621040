/**
 * The analyzer end to end, on the production build: the sample-data flow, a fixture import, a
 * what-if, and the three downloads checked byte for byte against expectations computed here
 * from the fixture's known inputs.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { readFile } from 'node:fs/promises';
import { type Session, openApp } from './browser';
import { addFiles, download, setFilingDate, showScreen, totalRefund, waitReady, loadSample } from './helpers';
import { csvText, row, simpleEntry } from '../factories/es003';
import { SCREEN_LABELS } from '../../src/ui/screens';
import { lowContrastText } from './contrast';
import { addDaysIso, csvCells, interest, plus, toDeclareTotal } from './oracle';
import { november2026Rates } from '../factories/interest-oracle';
import { formatEntryNumber } from '../../src/core/entry-number';

let s: Session;
afterEach(async () => {
  expect(s.errors).toEqual([]);
  await s.close();
});

const A = 'B7603245278';
const B = 'ABC12345676';
const C = 'SP700000014';
const D_ = 'Z9900000003';
const E = 'EQ355512342';
const F_ = '99999999990';
const G = 'B7600000015';
const IOR1 = '12-3456789-00';
const IOR2 = '98-7654321-00';

/** Seven entries, one of every kind; the IEEPA rows carry exactly 10% of their line's goods value. */
const FIXTURE = csvText([
  ...simpleEntry(A),
  ...simpleEntry(B, { status: 'Liquidated', liqDate: '04/01/2026' }),
  ...simpleEntry(C, { status: 'Final Liquidation', liqDate: '01/01/2026' }),
  row({ entry: D_, hts: '8471300100', value: '2000.00', duty: '50.00' }),
  row({ entry: E, line: 1, ordinal: 1, hts: '99030125', duty: '500.00' }),
  row({ entry: E, line: 2, ordinal: 1, hts: '99030125', duty: 'N/A' }),
  row({ entry: E, line: 1, ordinal: 2, hts: '8471300100', value: '5000.00', duty: '0' }),
  ...simpleEntry(F_, { type: '03' }),
  row({
    entry: G,
    importer: IOR2,
    name: 'Müller Küchentechnik GmbH',
    entryDate: '09/10/2025',
    summaryDate: '09/15/2025',
    line: 1,
    ordinal: 1,
    hts: '99030125',
    duty: '2500.50',
  }),
  row({
    entry: G,
    importer: IOR2,
    name: 'Müller Küchentechnik GmbH',
    entryDate: '09/10/2025',
    summaryDate: '09/15/2025',
    line: 1,
    ordinal: 2,
    hts: '8471300100',
    value: '25005.00',
    duty: '100.00',
  }),
]);

function expectedEntriesCsv(F: '2026-05-04' | '2026-07-01'): string {
  const rows: string[] = [
    'entry_number,importer_number,entry_type,entry_date,segment,reasons,ieepa_duty,other_duty,interest,refund,projected_date,payment_group,liquidation_date,cape_last_day,protest_deadline,filing_status,paid,variance',
  ];
  // liquidation_date, cape_last_day (+80), protest_deadline (+180); none of the fixture's entries is filed.
  const after = (liq?: string) =>
    liq ? `,${liq},${addDaysIso(liq, 80)},${addDaysIso(liq, 180)},NOT_FILED,,` : ',,,,NOT_FILED,,';
  const ready = (
    entry: string,
    ior: string,
    entryDate: string,
    ieepa: string,
    other: string,
    deposit: string,
    projected: string,
  ) => {
    const i = interest(ieepa, deposit, projected);
    return `${entry},${ior},01,${entryDate},READY,,${ieepa},${other},${i},${plus(ieepa, i)},${projected},${projected}|${ior}`;
  };
  const B_LIQ = '2026-04-01';
  const C_LIQ = '2026-01-01';
  // F + 45 days on the first Monday–Thursday that is not a federal holiday: 2026-06-18 (Thu), 2026-08-17 (Mon; the 15th is a Saturday).
  const liquidation = F === '2026-05-04' ? '2026-06-18' : '2026-08-17';
  rows.push(`${F_},${IOR1},03,2025-06-02,DEFERRED,ADCVD,1000.00,0.00,0.00,1000.00,,` + after());
  // B liquidated 2026-04-01: 33 days before 2026-05-04 (reliquidated the next day), 91 days before 2026-07-01.
  rows.push(
    (F === '2026-05-04'
      ? ready(B, IOR1, '2025-06-02', '1000.00', '0.00', '2025-06-12', '2026-05-05')
      : `${B},${IOR1},01,2025-06-02,NOT_ELIGIBLE,PAST_80_DAYS,1000.00,0.00,0.00,1000.00,,`) + after(B_LIQ),
  );
  rows.push(ready(G, IOR2, '2025-09-10', '2500.50', '100.00', '2025-09-15', liquidation) + after());
  rows.push(ready(A, IOR1, '2025-06-02', '1000.00', '0.00', '2025-06-12', liquidation) + after());
  rows.push(`${E},${IOR1},01,2025-06-02,INVALID,BAD_ROW_DATA,500.00,0.00,0.00,500.00,,` + after());
  rows.push(`${C},${IOR1},01,2025-06-02,NOT_ELIGIBLE,FINAL_LIQUIDATION,1000.00,0.00,0.00,1000.00,,` + after(C_LIQ));
  rows.push(`${D_},${IOR1},01,2025-06-02,NO_REFUND,NO_IEEPA_LINE,0.00,50.00,0.00,0.00,,` + after());
  return rows.join('\r\n') + '\r\n';
}

/** A fresh app with F = 2026-05-04 and FIXTURE imported. */
async function openWithFixture(): Promise<void> {
  s = await openApp(inject('baseUrl'));
  await waitReady(s.page);
  await setFilingDate(s.page, '2026-05-04');
  await addFiles(s.page, [{ name: 'fixture-es003.csv', text: FIXTURE }]);
}

/** A fresh app with the built-in sample loaded. */
async function openWithSample(): Promise<void> {
  s = await openApp(inject('baseUrl'));
  await loadSample(s.page);
}

describe('the analyzer in the browser', () => {
  it('sample data: one click to figures, entries, detail and declarations', async () => {
    await openWithSample();
    // Shown as money is everywhere in the app: dollar sign and thousands separators (`$16,401,975.22`).
    expect(await s.page.getByTestId('total-refund').textContent()).toMatch(/^\$\d{1,3}(,\d{3})+\.\d{2}$/);
    const total = await totalRefund(s.page);
    expect(total).toMatch(/^\d+\.\d{2}$/);
    expect(Number(total)).toBeGreaterThan(0);
    await expect(s.page.getByText('Estimated refund to declare').isVisible()).resolves.toBe(true);
    await showScreen(s.page, 'Entries');
    await s.page.locator('button.entry').first().click();
    await s.page.getByRole('dialog').getByText('As filed').waitFor();
    await s.page.getByRole('button', { name: 'Close entry detail' }).click();
    await showScreen(s.page, 'Declarations');
    await expect(s.page.locator('td.mono', { hasText: /^CAPE_\d+_\d{8}_1of1\.csv$/ }).count()).resolves.toBeGreaterThan(
      0,
    );
    const entries = (await download(s.page, 'export-entries')).bytes.toString('utf8');
    const lines = entries.trimEnd().split('\r\n');
    expect(lines.length - 1).toBe(2500);
    expect(toDeclareTotal(entries)).toBe(total);
    for (const seg of ['READY', 'DEFERRED', 'NEEDS_STATUS', 'NOT_ELIGIBLE', 'NO_REFUND', 'INVALID'])
      expect(entries).toContain(`,${seg},`);
  });

  it('declare the urgent ones first: near-limit entries fill the first file of their importer, the others follow', async () => {
    await openWithSample();
    const [head, ...lines] = (await download(s.page, 'export-entries')).bytes.toString('utf8').trimEnd().split('\r\n');
    const col = csvCells(head!);
    const at = (name: string) => col.indexOf(name);
    // New declarations hold READY entries never filed (rejected ones go to refile files, `_rN`), per IOR.
    const byIor = new Map<string, { urgent: string[]; others: string[] }>();
    for (const c of lines.map(csvCells)) {
      if (c[at('segment')] !== 'READY' || c[at('filing_status')] !== 'NOT_FILED') continue;
      const key = c[at('importer_number')]!.replace(/[^A-Za-z0-9]/g, '');
      if (!byIor.has(key)) byIor.set(key, { urgent: [], others: [] });
      const urgent = c[at('reasons')]!.split(';').includes('NEAR_80_DAY_LIMIT');
      byIor.get(key)![urgent ? 'urgent' : 'others'].push(c[at('entry_number')]!);
    }
    const withUrgent = [...byIor].filter(([, g]) => g.urgent.length > 0 && g.others.length > 0);
    expect(withUrgent.length).toBeGreaterThan(0);

    await showScreen(s.page, 'Declarations');
    await s.page.getByTestId('urgent-first').check();
    await waitReady(s.page);
    const zip = unzipSync(new Uint8Array((await download(s.page, 'export-declarations')).bytes));
    const date = (await s.page.getByTestId('filing-date').inputValue()).replace(/-/g, '');
    const content = (list: string[]) => `Entry Number\r\n${[...list].sort().join('\r\n')}\r\n`;
    for (const [key, g] of byIor) {
      const files = g.urgent.length > 0 && g.others.length > 0 ? [g.urgent, g.others] : [[...g.urgent, ...g.others]];
      files.forEach((list, k) =>
        expect(strFromU8(zip[`CAPE_${key}_${date}_${k + 1}of${files.length}.csv`]!)).toBe(content(list)),
      );
    }
    const fresh = Object.keys(zip).filter((name) => !/_r\d+\.csv$/.test(name));
    expect(fresh.length).toBe(
      [...byIor.values()].reduce((n, g) => n + (g.urgent.length && g.others.length ? 2 : 1), 0),
    );
  });

  it('entry detail explains each reason with its rule and what to do: the protest deadline, the post-summary correction', async () => {
    await openWithSample();
    await showScreen(s.page, 'Entries');
    const dialog = s.page.getByRole('dialog');
    const explanation = (code: string) =>
      dialog.locator('ul.why li', { has: s.page.locator('span.code', { hasText: new RegExp(`^${code}$`) }) });

    await s.page.getByLabel('Reason or warning').selectOption('PAST_80_DAYS');
    await s.page.locator('button.entry').first().click();
    const past = explanation('PAST_80_DAYS');
    await past.waitFor();
    const liquidation = (await dialog
      .locator('dt', { hasText: /^Liquidation$/ })
      .locator('xpath=following-sibling::dd[1]')
      .textContent())!;
    const [, liqDate, days] = liquidation.match(/on (\d{4}-\d{2}-\d{2}) \((\d+) days before the filing date\)/)!;
    expect(Number(days)).toBeGreaterThan(80);
    expect(Number(days)).toBeLessThanOrEqual(180);
    const deadline = new Date(`${liqDate}T00:00:00Z`);
    deadline.setUTCDate(deadline.getUTCDate() + 180);
    const text = (await past.textContent())!;
    expect(text).toContain('Rule: CAPE accepts entries liquidated within the preceding 80 days');
    expect(text).toContain(
      `What to do: File a protest by ${deadline.toISOString().slice(0, 10)} (liquidation date + 180 days).`,
    );
    await s.page.getByRole('button', { name: 'Close entry detail' }).click();

    // The sample keeps goods values off IEEPA rows; a file of one entry that has one shows the warning.
    await addFiles(s.page, [
      {
        name: 'value-on-ieepa.csv',
        text: csvText([
          row({ entry: 'ZZ900000011', hts: '99030125', value: '500.00', duty: '1000.00' }),
          row({ entry: 'ZZ900000011', ordinal: 2, hts: '8471300100', value: '10000.00', duty: '0' }),
        ]),
      },
    ]);
    await showScreen(s.page, 'Entries');
    await s.page.getByLabel('Reason or warning').selectOption('VALUE_ON_IEEPA_LINE');
    await s.page.locator('button.entry', { hasText: formatEntryNumber('ZZ900000011') }).click();
    const value = explanation('VALUE_ON_IEEPA_LINE');
    await value.waitFor();
    expect(await value.textContent()).toContain('(warning)');
    expect(await value.textContent()).toContain('Rule: CAPE error "GOODS VALUE AMOUNT NOT ALLOWED ON IEEPA HTS LINE".');
    expect(await value.textContent()).toContain(
      'What to do: File a post-summary correction moving the value to the commodity line first, then declare.',
    );
    await expect(dialog.locator('tr.ieepa', { hasText: '$500.00' }).count()).resolves.toBe(1);
  });

  it('a fixture import: figures, entries CSV, row problems CSV and declarations ZIP, byte for byte', async () => {
    await openWithFixture();

    const expected = expectedEntriesCsv('2026-05-04');
    await expect(totalRefund(s.page)).resolves.toBe(toDeclareTotal(expected));
    const entries = await download(s.page, 'export-entries');
    expect(entries.bytes.toString('utf8')).toBe(expected);

    const problems = await download(s.page, 'export-problems');
    expect(problems.bytes.toString('utf8')).toBe(
      'file,row,column,value,message\r\nfixture-es003.csv,10,Line Tariff Duty Amount,N/A,"Unparseable amount (expected e.g. 1234.56, $1,234.56 or (1,234.56))."\r\n',
    );

    const zip = await download(s.page, 'export-declarations');
    expect(zip.name).toBe('CAPE_declarations_20260504.zip');
    const files = unzipSync(new Uint8Array(zip.bytes));
    expect(Object.keys(files).sort()).toEqual([
      'CAPE_12345678900_20260504_1of1.csv',
      'CAPE_98765432100_20260504_1of1.csv',
    ]);
    expect(strFromU8(files['CAPE_12345678900_20260504_1of1.csv']!)).toBe(`Entry Number\r\n${B}\r\n${A}\r\n`);
    expect(strFromU8(files['CAPE_98765432100_20260504_1of1.csv']!)).toBe(`Entry Number\r\n${G}\r\n`);
  });

  it('a what-if: a later filing date moves the totals, the exports and says what changed', async () => {
    await openWithFixture();
    const before = await totalRefund(s.page);

    await setFilingDate(s.page, '2026-07-01');
    const expected = expectedEntriesCsv('2026-07-01');
    const after = await totalRefund(s.page);
    expect(after).toBe(toDeclareTotal(expected));
    expect(after).not.toBe(before);
    await expect(s.page.getByText(/filing date 2026-05-04 → 2026-07-01: total refund/).isVisible()).resolves.toBe(true);
    expect((await download(s.page, 'export-entries')).bytes.toString('utf8')).toBe(expected);
    const zip = unzipSync(new Uint8Array((await download(s.page, 'export-declarations')).bytes));
    expect(strFromU8(zip['CAPE_12345678900_20260701_1of1.csv']!)).toBe(`Entry Number\r\n${A}\r\n`);
  });

  it('the other what-ifs: taxpayer type, DEFERRED included, edited rates — each moves the total as computed here and says what changed', async () => {
    await openWithFixture();
    // The READY entries at F = 2026-05-04: principal, deposit date, projected date (as in expectedEntriesCsv).
    const ready: [string, string, string][] = [
      ['1000.00', '2025-06-12', '2026-05-05'],
      ['2500.50', '2025-09-15', '2026-06-18'],
      ['1000.00', '2025-06-12', '2026-06-18'],
    ];
    const total = (rate: (quarter: string) => string) =>
      ready.reduce((t, [p, from, to]) => plus(t, plus(p, interest(p, from, to, rate))), '0.00');
    const shown = () => totalRefund(s.page);
    expect(await shown()).toBe(total(november2026Rates('corporate')));

    await showScreen(s.page, 'Assumptions');
    await s.page.getByRole('radio', { name: 'Non-corporate' }).check();
    await waitReady(s.page);
    await s.page.getByText(/^taxpayer type → non-corporate: total refund/).waitFor();
    expect(await shown()).toBe(total(november2026Rates('non_corporate')));

    await s.page.getByRole('checkbox', { name: /Include DEFERRED entries/ }).check();
    await waitReady(s.page);
    await s.page.getByText(/^DEFERRED entries included: total refund/).waitFor();
    expect(await shown()).toBe(plus(total(november2026Rates('non_corporate')), '1000.00'));
    const zip = unzipSync(new Uint8Array((await download(s.page, 'export-declarations')).bytes));
    // The DEFERRED entry joins its IOR's file, in entry-number order (digits sort before letters).
    expect(strFromU8(zip['CAPE_12345678900_20260504_1of1.csv']!)).toBe(`Entry Number\r\n${F_}\r\n${B}\r\n${A}\r\n`);

    for (const input of await s.page.getByRole('textbox', { name: /^Non-corporate rate / }).all())
      await input.fill('8');
    await s.page.getByRole('button', { name: 'Apply rates' }).click();
    await waitReady(s.page);
    await s.page.getByText(/^interest rates edited: total refund/).waitFor();
    expect(await shown()).toBe(
      plus(
        total(() => '8'),
        '1000.00',
      ),
    );
  });

  it('the profile decides authorization, the interest rate per IOR and who receives each payment', async () => {
    await openWithFixture();
    await showScreen(s.page, 'Profile');
    // One client list: the IORs of the data, IOR2 not filed for (unticked), IOR1's settings.
    await s.page.getByRole('button', { name: 'Add the IORs in the loaded data' }).click();
    await s.page.getByRole('checkbox', { name: `May file for ${IOR2}` }).uncheck();
    const first = s.page.locator('tbody tr', { has: s.page.getByRole('textbox', { name: 'IOR number' }) }).first();
    await expect(first.getByRole('textbox', { name: 'IOR number' }).inputValue()).resolves.toBe(IOR1);
    await first.getByRole('combobox', { name: 'Taxpayer type' }).selectOption('non_corporate');
    await first.getByRole('textbox', { name: 'Form 4811 designee' }).fill('Atlas Customs Brokerage LLC');
    await first.getByRole('combobox', { name: 'ACH refund enrolled' }).selectOption('yes');
    await s.page.getByRole('button', { name: 'Save profile' }).click();
    await s.page.getByRole('status').filter({ hasText: 'Saved; figures updated.' }).waitFor();
    await waitReady(s.page);

    // G's IOR is not the filer's: NOT_AUTHORIZED. A and B are IOR1's, at the non-corporate 7%.
    const entries = (await download(s.page, 'export-entries')).bytes.toString('utf8');
    expect(entries).toContain(
      `${G},${IOR2},01,2025-09-10,NOT_ELIGIBLE,NOT_AUTHORIZED,2500.50,100.00,0.00,2500.50,,,,,,NOT_FILED,,\r\n`,
    );
    const a = interest('1000.00', '2025-06-12', '2026-06-18', november2026Rates('non_corporate'));
    const b = interest('1000.00', '2025-06-12', '2026-05-05', november2026Rates('non_corporate'));
    expect(entries).toContain(
      `${A},${IOR1},01,2025-06-02,READY,,1000.00,0.00,${a},${plus('1000.00', a)},2026-06-18,2026-06-18|${IOR1},,,,NOT_FILED,,\r\n`,
    );
    expect(await totalRefund(s.page)).toBe(plus(plus('2000.00', a), b));

    await showScreen(s.page, 'Payments');
    const recipients = s.page.locator('td', { hasText: 'Atlas Customs Brokerage LLC (Form 4811 designee)' });
    await recipients.first().waitFor();
    await expect(recipients.count()).resolves.toBe(2);
    await expect(s.page.getByText('not confirmed').count()).resolves.toBe(0);
    await expect(s.page.getByText('enrolled', { exact: true }).count()).resolves.toBe(2);
  });

  it('checks a declaration made elsewhere (stage 1, then stage 2) and keeps the filing ledger', async () => {
    await openWithFixture();
    await showScreen(s.page, 'Declarations');
    const checker = s.page.locator('.card', {
      has: s.page.getByRole('heading', { name: 'Check a declaration made elsewhere' }),
    });
    const check = async (name: string, text: string) => {
      await checker
        .locator('input[type=file]')
        .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
      const result = checker.locator('.result', { has: s.page.getByRole('heading', { name }) });
      await result.waitFor();
      return result;
    };

    const bad = await check('theirs-bad.csv', `entry number\r\n${A}\r\n${A}\r\nB76-032452\r\n`);
    const badText = (await bad.innerText()).replace(/\s+/g, ' ');
    expect(badText).toContain('Stage 1 (file validation): the whole file would fail.');
    expect(badText).toContain('HEADER Missing or incorrect header: cell A1 must read exactly "Entry Number"');
    expect(badText).toContain(
      'DUPLICATE 1 duplicate entry number: each entry may appear once per declaration. (line 3)',
    );
    expect(badText).toContain('MALFORMED 1 malformed entry number');
    expect(badText).not.toContain('Stage 2');

    const good = await check('theirs-good.csv', `Entry Number\r\n${A}\r\n${C}\r\n${D_}\r\nZZ900000011\r\n`);
    const goodText = (await good.innerText()).replace(/\s+/g, ' ');
    expect(goodText).toContain('Stage 1 (file validation): passed — 4 entries.');
    expect(goodText).toContain('Stage 2 (entry validation): 1 accepted, 3 rejected.');
    const verdict = async (entry: string) =>
      (await good.locator('tr', { hasText: entry }).innerText()).replace(/\s+/g, ' ').trim();
    expect(await verdict(A)).toBe(`${A} accepted Ready`);
    expect(await verdict(C)).toBe(`${C} rejected Not eligible FINAL_LIQUIDATION`);
    expect(await verdict(D_)).toBe(`${D_} rejected No refund NO_IEEPA_LINE`);
    expect(await verdict('ZZ900000011')).toBe('ZZ900000011 rejected not in the loaded data NOT_IN_DATA');

    // Mark IOR1's declaration submitted on 2026-05-04: its entries are filed — analysed at that date (so their
    // figures stay), SUBMITTED, out of new declarations and the total.
    const before = (await totalRefund(s.page))!;
    const ior1File = 'CAPE_12345678900_20260504_1of1.csv';
    await s.page.getByRole('checkbox', { name: `Select ${ior1File}` }).check();
    await s.page.getByLabel('Submitted on').fill('2026-05-04');
    await s.page.getByRole('button', { name: 'Mark 1 as submitted to CBP' }).click();
    const ledger = s.page
      .locator('tr', { hasText: ior1File })
      .filter({ has: s.page.getByRole('button', { name: 'Mark rejected' }) });
    await ledger.waitFor();
    await waitReady(s.page);
    const entries = (await download(s.page, 'export-entries')).bytes.toString('utf8');
    const asFiled = (entry: string) =>
      expectedEntriesCsv('2026-05-04')
        .split('\r\n')
        .find((l) => l.startsWith(`${entry},`))!
        .replace(',NOT_FILED,', ',SUBMITTED,');
    expect(entries).toContain(asFiled(A) + '\r\n');
    expect(entries).toContain(asFiled(B) + '\r\n');
    const gOnly = toDeclareTotal(entries);
    expect(await totalRefund(s.page)).toBe(gOnly);
    expect(Number(gOnly)).toBeLessThan(Number(before));

    // CBP rejected it after all: the entries are declarable again, in a refile declaration with a new name.
    await ledger.getByRole('button', { name: 'Mark rejected' }).click();
    await s.page.locator('tr', { hasText: ior1File }).getByText('rejected by CBP').waitFor();
    await waitReady(s.page);
    expect(await totalRefund(s.page)).toBe(before);
    const zip = unzipSync(new Uint8Array((await download(s.page, 'export-declarations')).bytes));
    expect(strFromU8(zip['CAPE_12345678900_20260504_1of1_r2.csv']!)).toBe(`Entry Number\r\n${B}\r\n${A}\r\n`);
    expect(zip[ior1File]).toBeUndefined();
  });

  it('the sample downloaded as an Excel workbook imports to the same figures as the built-in sample', async () => {
    s = await openApp(inject('baseUrl'));
    await waitReady(s.page);
    const [dl] = await Promise.all([
      s.page.waitForEvent('download'),
      s.page.getByRole('button', { name: 'Download the sample as an Excel workbook' }).click(),
    ]);
    expect(dl.suggestedFilename()).toBe('sample-es003.xlsx');
    const workbook = await readFile(await dl.path());
    expect(workbook.subarray(0, 2).toString('latin1')).toBe('PK');
    await s.page.getByTestId('file-input').setInputFiles({
      name: 'sample-es003.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: workbook,
    });
    await waitReady(s.page);
    const fromWorkbook = await totalRefund(s.page);
    const workbookCsv = (await download(s.page, 'export-entries')).bytes.toString('utf8');
    await showScreen(s.page, 'Import');
    await s.page.getByRole('button', { name: /^Remove sample-es003\.xlsx/ }).click();
    await waitReady(s.page);
    await s.page.getByRole('button', { name: 'Try with sample data' }).first().click();
    await waitReady(s.page);
    // The built-in sample comes with what CBP sent back; the workbook is the ES-003 export alone.
    await showScreen(s.page, 'Import');
    for (const name of ['sample-cape-claim-details.csv', 'sample-refund-payments.csv']) {
      await s.page.getByRole('button', { name: `Remove ${name} from the dataset` }).click();
      await waitReady(s.page);
    }
    expect(await totalRefund(s.page)).toBe(fromWorkbook);
    expect((await download(s.page, 'export-entries')).bytes.toString('utf8')).toBe(workbookCsv);
  });

  it('works from the keyboard: every control is reachable with Tab and named; Enter opens an entry, Escape closes it', async () => {
    await openWithSample();
    // Tab through the page once: the top bar's hooks and the screen list are all reachable, in that order.
    // A fresh load (the data stays), so Tab starts at the top of the page.
    await s.page.reload();
    await waitReady(s.page);
    // Each focused control as `tag:test id or name`, and its accessible name (what a screen reader says).
    const reached: { id: string; name: string }[] = [];
    for (let k = 0; k < 30; k++) {
      await s.page.keyboard.press('Tab');
      reached.push(
        await s.page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el || el === document.body) return { id: '', name: 'body' };
          const text = (e: Element | null | undefined) => e?.textContent?.trim() ?? '';
          const labelledBy = el
            .getAttribute('aria-labelledby')
            ?.split(/\s+/)
            .map((id) => text(document.getElementById(id)))
            .join(' ');
          const labels = (el as HTMLInputElement).labels
            ? [...(el as HTMLInputElement).labels!].map(text).join(' ')
            : '';
          const name =
            el.getAttribute('aria-label') || labelledBy || labels || text(el) || el.getAttribute('title') || '';
          return { id: `${el.tagName.toLowerCase()}:${el.getAttribute('data-testid') ?? name}`, name };
        }),
      );
    }
    const at = (pattern: RegExp) => reached.findIndex((r) => pattern.test(r.id));
    const order = [
      /^select:workspace-select$/,
      /^input:file-input$/,
      /^input:filing-date$/,
      /^a:export-entries$/,
      /^a:export-problems$/,
      /^a:export-declarations$/,
      /^button:Import$/,
      /^button:Entries$/,
      /^button:Your data$/,
    ];
    const positions = order.map(at);
    expect(
      positions.every((p) => p >= 0),
      reached.map((r) => r.id).join(' | '),
    ).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(
      reached.filter((r) => r.name === '').map((r) => r.id),
      'controls without an accessible name',
    ).toEqual([]);

    // Open the Entries screen and an entry with the keyboard; Escape closes the dialog.
    await s.page
      .getByRole('navigation', { name: 'Screens' })
      .getByRole('button', { name: 'Entries', exact: true })
      .focus();
    await s.page.keyboard.press('Enter');
    const firstEntry = s.page.locator('button.entry').first();
    await firstEntry.focus();
    await s.page.keyboard.press('Enter');
    await s.page.getByRole('dialog').getByText('As filed').waitFor();
    await s.page.keyboard.press('Escape');
    await s.page.getByRole('dialog').waitFor({ state: 'detached' });

    // The workspace switcher, from the keyboard: the sample is open; the arrow key opens the workspace above it.
    const switcher = s.page.getByRole('combobox', { name: 'Workspace' });
    await expect(switcher.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]!.text)).resolves.toBe(
      'Sample data — fictitious importers',
    );
    await switcher.focus();
    await s.page.keyboard.press('ArrowUp');
    await waitReady(s.page);
    await expect(switcher.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]!.text)).resolves.toBe('My data');
    expect(await s.page.getByTestId('sample-banner').count()).toBe(0);
  });

  it('fits a 1366×768 screen with readable contrast: no screen scrolls sideways with the sample loaded, nothing in the top bar is cut off, all text meets WCAG AA', async () => {
    await openWithSample();
    for (const screen of SCREEN_LABELS) {
      await showScreen(s.page, screen);
      const overflow = await s.page.evaluate(() => {
        const doc = document.documentElement;
        const main = document.querySelector('main')!;
        // Elements whose content is wider than their box without a scrollbar of their own: clipped
        // text (visually hidden labels for screen readers, 1 px wide, excepted).
        const clipped = [...document.querySelectorAll('header *')].filter(
          (el) =>
            el.clientWidth > 1 && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'hidden',
        );
        // The page and the screen's own scrolling area (main) both fit their width.
        return {
          sideways: doc.scrollWidth > doc.clientWidth || main.scrollWidth > main.clientWidth,
          clipped: clipped.map((el) => el.textContent?.trim()),
        };
      });
      expect(overflow, screen).toEqual({ sideways: false, clipped: [] });
      expect(await lowContrastText(s.page), screen).toEqual([]);
    }
  });

  it('keeps the hooks and exports visible on every screen', async () => {
    s = await openApp(inject('baseUrl'));
    await waitReady(s.page);
    for (const screen of SCREEN_LABELS) {
      await showScreen(s.page, screen);
      for (const id of [
        'workspace-select',
        'file-input',
        'filing-date',
        'status',
        'total-refund',
        'export-entries',
        'export-problems',
        'export-declarations',
      ]) {
        expect(await s.page.getByTestId(id).isVisible(), `${id} on ${screen}`).toBe(true);
      }
    }
  });
});
