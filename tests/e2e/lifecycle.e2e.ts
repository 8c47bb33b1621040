/**
 * After filing (SPEC §10), on the production build: an ES-003 export, a CAPE results file and a
 * refund/payment file dropped together; the entries CSV's filing_status, refund, paid and variance
 * against figures computed here; the "to declare" total without the filed entries; the refile
 * declaration; the ledger backup round trip; a malformed results file refused with nothing changed;
 * and the Filed screen from the keyboard, with readable contrast.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { readFile } from 'node:fs/promises';
import { type Session, openApp } from './browser';
import { lowContrastText } from './contrast';
import { addFiles, download, setFilingDate, showScreen, totalRefund, waitReady } from './helpers';
import { addDaysIso, interest, minus, plus, toDeclareTotal, usd } from './oracle';
import { csvText, simpleEntry } from '../factories/es003';
import { formatEntryNumber } from '../../src/core/entry-number';

let s: Session;
afterEach(async () => {
  expect(s.errors).toEqual([]);
  await s.close();
});

const IOR = '12-3456789-00';
/** Accepted, paid in two rows that add up to the estimate. */
const A = 'B7603245278';
/** Accepted; the ES-003 shows CAPE's own liquidation on 2026-04-20 (after its filing date). */
const B = 'ABC12345676';
/** Rejected (INVALID HTS) though READY now: refiled, CAPE_DISAGREES. */
const C = 'SP700000014';
/** Rejected (final liquidation), NOT_ELIGIBLE now: not refiled. */
const D = 'Z9900000003';
/** Accepted, paid less than the IEEPA duty: a likely offset. */
const E = 'EQ355512342';
/** Accepted, its payment returned. */
const G = 'B7600000015';
/** Never filed; its results row has a status that says neither (a row problem). */
const H = '99999999990';
/** On the results file, not in the data. */
const STRANGER = 'ZZ900000011';

const ES003 = csvText([
  ...simpleEntry(A),
  ...simpleEntry(B, { status: 'Liquidated', liqDate: '04/20/2026' }),
  ...simpleEntry(C),
  ...simpleEntry(D, { status: 'Final Liquidation', liqDate: '01/01/2026' }),
  ...simpleEntry(E),
  ...simpleEntry(G),
  ...simpleEntry(H),
]);

const RESULTS = csvText(
  [
    ['B76-0324527-8', 'CLM-1', 'Accepted', '', '03/02/2026'],
    [B, 'CLM-1', 'ACCEPTED', '', '03/02/2026'],
    [C, 'CLM-1', 'Rejected', 'INVALID HTS', '03/02/2026'],
    [D, 'CLM-1', 'Failed', 'ENTRY SUMMARY IS IN FINAL LIQUIDATION STATUS', '03/02/2026'],
    [E, 'CLM-1', 'Accepted with Error(s)', '', '03/02/2026'],
    [G, 'CLM-1', 'Updated', '', '03/02/2026'],
    [STRANGER, 'CLM-1', 'Accepted', '', '03/02/2026'],
    [H, 'CLM-1', 'Pending', '', '03/02/2026'],
  ],
  { header: ['ENTRY_NUMBER', 'CLAIM_NUMBER', 'STATUS', 'ERROR_DESCRIPTION', 'Processed Date'] },
);

// Filed on 2026-03-02 (Mon), unliquidated: CAPE liquidates on Thu 2026-04-16 (F_e + 45); $1,000.00
// deposited 2025-06-12 earns interest to that day at 6% (corporate).
const FILED_ON = '2026-03-02';
const PROJECTED = '2026-04-16';
const I = interest('1000.00', '2025-06-12', PROJECTED);
const REFUND = plus('1000.00', I);

const PAYMENTS = csvText(
  [
    [A, '600.00', '0.00', '04/30/2026', 'Paid'],
    [A, '400.00', I, '04/30/2026', 'Paid'],
    [E, '900.00', '0.00', '04/30/2026', 'Paid'],
    [G, '1000.00', I, '04/30/2026', 'ACH Returned - account closed'],
  ],
  { header: ['Entry Number', 'Refund Amount', 'Interest Amount', 'Payment Date', 'Payment Status'] },
);

const HEADER =
  'entry_number,importer_number,entry_type,entry_date,segment,reasons,ieepa_duty,other_duty,interest,refund,projected_date,payment_group,liquidation_date,cape_last_day,protest_deadline,filing_status,paid,variance';

/** The entries CSV at F = 2026-05-04, computed here. */
function expectedCsv(): string {
  const deadlines = (liq: string) => `${liq},${addDaysIso(liq, 80)},${addDaysIso(liq, 180)}`;
  const ready = (entry: string, reasons: string, end: string) => {
    const i = interest('1000.00', '2025-06-12', end);
    return `${entry},${IOR},01,2025-06-02,READY,${reasons},1000.00,0.00,${i},${plus('1000.00', i)},${end},${end}|${IOR}`;
  };
  // B: CAPE's own liquidation 2026-04-20 replaces the projection (interest runs to it).
  const b = ready(B, '', '2026-04-20');
  const rows = [
    // H and C are analysed at the current F: F + 45 = Thu 2026-06-18.
    `${ready(H, '', '2026-06-18')},,,,NOT_FILED,,`,
    `${b},${deadlines('2026-04-20')},ACCEPTED,,`,
    `${ready(G, '', PROJECTED)},,,,PAYMENT_RETURNED,${REFUND},0.00`,
    `${ready(A, '', PROJECTED)},,,,PAID,${REFUND},0.00`,
    `${ready(E, '', PROJECTED)},,,,PAID,900.00,${minus('900.00', REFUND)}`,
    `${ready(C, 'CAPE_DISAGREES', '2026-06-18')},,,,REJECTED,,`,
    `${D},${IOR},01,2025-06-02,NOT_ELIGIBLE,FINAL_LIQUIDATION,1000.00,0.00,0.00,1000.00,,,${deadlines('2026-01-01')},REJECTED,,`,
  ];
  return [HEADER, ...rows].join('\r\n') + '\r\n';
}

async function openWithLifecycle(): Promise<void> {
  s = await openApp(inject('baseUrl'));
  await waitReady(s.page);
  await setFilingDate(s.page, '2026-05-04');
  await addFiles(s.page, [
    { name: 'es003.csv', text: ES003 },
    { name: 'claim-details.csv', text: RESULTS },
    { name: 'refunds.csv', text: PAYMENTS },
  ]);
}

const entriesCsv = async () => (await download(s.page, 'export-entries')).bytes.toString('utf8');
const shownTotal = () => totalRefund(s.page);

describe('after filing, in the browser', () => {
  it('ES-003, results and payment files dropped together: statuses, refunds, payments and the total as computed here', async () => {
    await openWithLifecycle();
    const expected = expectedCsv();
    const csv = await entriesCsv();
    expect(csv).toBe(expected);
    // Filed entries leave the "to declare" total: H and C only (C was rejected and is READY again).
    expect(await shownTotal()).toBe(toDeclareTotal(expected));
    expect(await shownTotal()).toBe(
      plus(
        plus('1000.00', interest('1000.00', '2025-06-12', '2026-06-18')),
        plus('1000.00', interest('1000.00', '2025-06-12', '2026-06-18')),
      ),
    );

    // The filed entries keep their figures whatever the filing date of new declarations.
    await setFilingDate(s.page, '2026-06-01');
    const later = await entriesCsv();
    for (const entry of [A, B, E, G]) {
      const line = (text: string) => text.split('\r\n').find((l) => l.startsWith(`${entry},`));
      expect(line(later)).toBe(line(expected));
    }
    await setFilingDate(s.page, '2026-05-04');

    // Entries not in the data and unreadable statuses are row problems; the stranger is never added.
    const problems = (await download(s.page, 'export-problems')).bytes.toString('utf8');
    expect(problems).toContain(
      `claim-details.csv,8,ENTRY_NUMBER,${STRANGER},"Entry number is not in the loaded data: listed here, not added to the entries."\r\n`,
    );
    expect(problems).toMatch(/claim-details\.csv,9,STATUS,Pending,"Status is neither accepted nor rejected/);
    expect(csv).not.toContain(STRANGER);
    await showScreen(s.page, 'Import');
    await s.page.getByText('1 entry number (1 row) is not in the loaded data').waitFor();

    // Declarations: the never-filed entry, and a refile declaration holding exactly the rejected-and-READY one.
    const zip = unzipSync(new Uint8Array((await download(s.page, 'export-declarations')).bytes));
    expect(Object.keys(zip).sort()).toEqual([
      'CAPE_12345678900_20260504_1of1.csv',
      'CAPE_12345678900_20260504_1of1_r2.csv',
    ]);
    expect(strFromU8(zip['CAPE_12345678900_20260504_1of1.csv']!)).toBe(`Entry Number\r\n${H}\r\n`);
    expect(strFromU8(zip['CAPE_12345678900_20260504_1of1_r2.csv']!)).toBe(`Entry Number\r\n${C}\r\n`);

    // The Filed screen: totals, the rejected entries with the catalogue's fix, the payments to look at.
    await showScreen(s.page, 'Filed');
    const main = s.page.locator('main');
    await main.getByText('Correct with a post-summary correction, then refile.').waitFor();
    const filed = (await main.innerText()).replace(/\s+/g, ' ');
    // Awaiting payment: B (accepted) and G (its payment returned); A and E are paid.
    const awaiting = plus(REFUND, plus('1000.00', interest('1000.00', '2025-06-12', '2026-04-20')));
    expect(filed).toContain(`Filed — awaiting payment ${usd(awaiting)} 2 entries`);
    expect(filed).toContain('Likely offset against other debts');
    expect(filed).toContain('Payment returned');
    expect(filed).toContain('Not refundable through CAPE (protest or court)');
  });

  it('the entry detail follows one entry from filing to payment', async () => {
    await openWithLifecycle();
    await showScreen(s.page, 'Entries');
    await s.page.getByRole('searchbox').fill(A);
    await s.page.locator('button.entry', { hasText: formatEntryNumber(A) }).click();
    const dialog = s.page.getByRole('dialog');
    const timeline = dialog.getByRole('list', { name: 'Timeline' });
    await timeline.waitFor();
    const events = (await timeline.locator('li').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(events).toEqual([
      `${FILED_ON} Accepted by CAPE — claim CLM-1 claim-details.csv, row 2`,
      `${PROJECTED} Projected liquidation (estimate) — payment expected by ${addDaysIso(PROJECTED, 30)} this analysis`,
      `2026-04-30 Paid: $600.00 — Paid refunds.csv, row 2`,
      `2026-04-30 Paid: $${plus('400.00', I)} — Paid refunds.csv, row 3`,
    ]);
    expect(await dialog.getByText('Payment: paid as estimated').count()).toBe(1);
    expect(await lowContrastText(s.page)).toEqual([]);
    await s.page.keyboard.press('Escape');

    await s.page.getByRole('searchbox').fill(C);
    await s.page.locator('button.entry', { hasText: formatEntryNumber(C) }).click();
    await dialog.getByText('CAPE error:').waitFor();
    const text = (await dialog.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('CAPE error: INVALID HTS');
    expect(text).toContain('What to do (Correct with a post-summary correction, then refile):');
    expect(text).toContain('In the new declaration CAPE_12345678900_20260504_1of1_r2.csv');
  });

  it('a malformed results file is refused with its reason and changes nothing', async () => {
    await openWithLifecycle();
    const before = await entriesCsv();
    const total = await shownTotal();
    await addFiles(s.page, [
      {
        name: 'claim-bad.csv',
        text: csvText(
          [
            [A, 'In process'],
            [B, 'Pending'],
          ],
          { header: ['Entry Number', 'Claim Status'] },
        ),
      },
    ]);
    const error = s.page.getByTestId('file-error').filter({ hasText: 'claim-bad.csv' });
    expect(await error.innerText()).toMatch(
      /claim-bad\.csv was not imported: No usable rows: the file has a CAPE results header but no row with a well-formed entry number and an accepted or rejected status .*row 2, Claim Status "In process": Status is neither accepted nor rejected/,
    );
    expect(await entriesCsv()).toBe(before);
    expect(await shownTotal()).toBe(total);
    await showScreen(s.page, 'Import');
    await s.page.getByRole('button', { name: 'Remove es003.csv from the dataset' }).waitFor();
    expect(await s.page.getByRole('button', { name: 'Remove claim-bad.csv from the dataset' }).count()).toBe(0);
  });

  it('the ledger backup round-trips; a bad backup changes nothing and says why', async () => {
    await openWithLifecycle();
    await showScreen(s.page, 'Declarations');
    const fresh = 'CAPE_12345678900_20260504_1of1.csv';
    await s.page.getByRole('checkbox', { name: `Select ${fresh}` }).check();
    await s.page.getByLabel('Submitted on').fill('2026-05-04');
    await s.page.getByRole('textbox', { name: /ACE declaration or claim number/ }).fill('DEC-77');
    await s.page.getByRole('button', { name: 'Mark 1 as submitted to CBP' }).click();
    await waitReady(s.page);
    const submitted = await entriesCsv();
    expect(submitted.split('\r\n').find((l) => l.startsWith(`${H},`))).toContain(',SUBMITTED,,');
    const onlyC = await shownTotal();
    expect(onlyC).toBe(toDeclareTotal(submitted));

    await showScreen(s.page, 'Filed');
    const [dl] = await Promise.all([
      s.page.waitForEvent('download'),
      s.page.getByRole('button', { name: 'Export the backup' }).click(),
    ]);
    const backup = await readFile(await dl.path());
    const json = JSON.parse(backup.toString('utf8')) as {
      format: string;
      ledger: { name: string; claimNumber: string }[];
    };
    expect(json.format).toBe('cape-prep-ledger-backup');
    expect(json.ledger.map((r) => [r.name, r.claimNumber])).toEqual([[fresh, 'DEC-77']]);

    // Forget the record: H is not filed any more.
    await showScreen(s.page, 'Declarations');
    await s.page.getByRole('button', { name: `Forget ${fresh}` }).click();
    await waitReady(s.page);
    expect(await shownTotal()).not.toBe(onlyC);
    const forgotten = await entriesCsv();

    // A bad backup: refused with its reason, nothing changed.
    await showScreen(s.page, 'Filed');
    const input = s.page.locator('input[type=file][accept*=json]');
    await input.setInputFiles({
      name: 'not-a-backup.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format":"x"}'),
    });
    await s.page.getByRole('alert').filter({ hasText: 'not-a-backup.json: This is not a CAPE Prep backup' }).waitFor();
    expect(await entriesCsv()).toBe(forgotten);

    // The real one: the ledger, with its ACE number, is back.
    await input.setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: backup });
    await s.page.getByRole('status').filter({ hasText: 'Restored from backup.json' }).waitFor();
    await waitReady(s.page);
    expect(await entriesCsv()).toBe(submitted);
    expect(await shownTotal()).toBe(onlyC);
    await showScreen(s.page, 'Declarations');
    await s.page.locator('tr', { hasText: fresh }).getByText('DEC-77').waitFor();
  });

  it('the Filed screen works from the keyboard: every control reachable with Tab and named', async () => {
    await openWithLifecycle();
    await s.page
      .getByRole('navigation', { name: 'Screens' })
      .getByRole('button', { name: 'Filed', exact: true })
      .focus();
    await s.page.keyboard.press('Enter');
    await s.page.getByRole('heading', { name: 'After filing: from declaration to payment' }).waitFor();
    // Tab from the screen's heading through every control of the screen.
    await s.page.getByRole('heading', { name: 'After filing: from declaration to payment' }).evaluate((h) => {
      h.setAttribute('tabindex', '-1');
      (h as HTMLElement).focus();
    });
    const reached: { name: string; inMain: boolean }[] = [];
    for (let k = 0; k < 40; k++) {
      await s.page.keyboard.press('Tab');
      const r = await s.page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return { name: '', inMain: false };
        const labels = (el as HTMLInputElement).labels
          ? [...(el as HTMLInputElement).labels!].map((l) => l.textContent ?? '').join(' ')
          : '';
        return {
          name: (el.getAttribute('aria-label') || labels || el.textContent || '').trim(),
          inMain: !!el.closest('main'),
        };
      });
      if (!r.inMain) break;
      reached.push(r);
    }
    const names = reached.map((r) => r.name);
    for (const want of ['Show them', 'By status', 'By IOR', 'By claim', 'Export the backup'])
      expect(
        names.some((n) => n.startsWith(want)),
        `${want} in ${names.join(' | ')}`,
      ).toBe(true);
    expect(names.filter((n) => n === '')).toEqual([]);

    // Group by claim with the keyboard; open a payment to look at with Enter; Escape closes it.
    await s.page.getByRole('button', { name: 'By claim' }).focus();
    await s.page.keyboard.press('Enter');
    await s.page.getByRole('cell', { name: 'CLM-1' }).waitFor();
    await s.page.locator('main button.linkish.mono', { hasText: E }).focus();
    await s.page.keyboard.press('Enter');
    await s.page.getByRole('dialog').getByRole('list', { name: 'Timeline' }).waitFor();
    await s.page.keyboard.press('Escape');
    await s.page.getByRole('dialog').waitFor({ state: 'detached' });
  });
});
