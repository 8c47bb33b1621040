/**
 * The built-in sample as an .xlsx download laid out like an ACE ES-003 Excel export: one sheet
 * "Main Report", header on row 1, amounts as currency-formatted numbers, dates as real date cells,
 * entry numbers, HTS numbers and codes as text. Same rows as the sample CSV "Try with sample data"
 * imports, so loading the download gives the same entries.
 */
import writeXlsxFile, { type Cell, type SheetData } from 'write-excel-file/universal';
import { type DayNum, parseDateCell } from '../../../src/core/dates';
import { parseMoneyCents } from '../../../src/core/money';
import { SAMPLE_HEADERS, type SampleOptions, sampleRows } from '../../../src/core/sample-es003';

/** The options DatasetService.importSample uses (formattedMoney also steers the generator's random sequence). */
export function sampleOptions(filingDate: DayNum): SampleOptions {
  return { entries: 2_500, seed: 20260420, filingDate, formattedMoney: true };
}

type Header = (typeof SAMPLE_HEADERS)[number];

const MONEY: ReadonlySet<Header> = new Set(['Line Tariff Goods Value Amount', 'Line Tariff Duty Amount']);
const DATES: ReadonlySet<Header> = new Set(['Entry Date', 'Entry Summary Date', 'Liquidation Date']);
const COUNTS: ReadonlySet<Header> = new Set(['Entry Summary Line Number', 'Tariff Ordinal Number']);
const CURRENCY_FORMAT = '"$"#,##0.00';
const DATE_FORMAT = 'mm/dd/yyyy';
const MS_PER_DAY = 86_400_000;
/**
 * The writer's fflate compresses parts over 160 kB in a blob: worker. Under a CSP header without
 * `worker-src blob:` that worker never starts and fflate never calls back (seen in Chromium), so give
 * up with an error rather than hang. The 2,500-entry sample takes ~1 s (ms).
 */
const WRITE_TIMEOUT_MS = 30_000;

function cell(header: Header, text: string): Cell {
  if (text === '') return null;
  if (MONEY.has(header)) {
    const cents = parseMoneyCents(text);
    // cents / 100 is the double nearest the amount, and the writer stores String(double), the
    // shortest text that reads back as that double: the amount's own digits, so no cent is lost.
    if (typeof cents === 'number') return { value: cents / 100, type: Number, format: CURRENCY_FORMAT };
  } else if (DATES.has(header)) {
    const day = parseDateCell(text);
    // The writer turns a Date into a serial from its UTC time: midnight UTC is a whole day.
    if (typeof day === 'number') return { value: new Date(day * MS_PER_DAY), type: Date, format: DATE_FORMAT };
  } else if (COUNTS.has(header)) {
    return { value: Number(text), type: Number };
  }
  // '@' (Text) keeps Excel from turning "01" or "0401" into numbers when the user edits the file.
  return { value: text, type: String, format: '@' };
}

export function sampleWorkbook(filingDate: DayNum): Promise<Blob> {
  const data: SheetData = [SAMPLE_HEADERS.map((h) => ({ value: h, type: String, fontWeight: 'bold' as const }))];
  for (const row of sampleRows(sampleOptions(filingDate)))
    data.push(row.map((text, i) => cell(SAMPLE_HEADERS[i]!, text)));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            'Writing the sample workbook did not finish: this browser or site policy blocks the helper worker it compresses with.',
          ),
        ),
      WRITE_TIMEOUT_MS,
    );
  });
  return Promise.race([writeXlsxFile(data, { sheet: 'Main Report', stickyRowsCount: 1 }).toBlob(), timeout]).finally(
    () => clearTimeout(timer),
  );
}
