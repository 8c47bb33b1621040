import 'fake-indexeddb/auto';
import { strToU8, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { CapeDb } from '../../../workers/store/db';
import type { DatasetService } from '../../../workers/dataset/dataset-service';
import { HEADER, csvText, fileOf, simpleEntry } from '../../factories/es003';
import { messageOf } from '../../factories/results';
import { type Cell, money, noProgress, text, workbookFile, xlsxService } from './workbook-fixtures';

const open: DatasetService[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

const ENTRY_A = 'B7603245278';
const ENTRY_B = 'ABC12345676';

function es003Rows(entryNumber: string, count: number): Cell[][] {
  const rows: Cell[][] = [HEADER.map((h) => text(h))];
  for (let i = 0; i < count; i++) {
    rows.push([
      text(entryNumber),
      text('01'),
      text('12-3456789-00'),
      text('Acme'),
      text('06/02/2025'),
      text('06/12/2025'),
      text(String(i + 1)),
      text('1'),
      text('99030125'),
      money(0),
      money(1_000),
    ]);
  }
  return rows;
}

async function bytesOf(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

/** A dataset holding one good CSV, and a check that a later bad file left it exactly so. */
async function withOneFile() {
  const ctx = await xlsxService(open);
  const { snapshot } = await ctx.s.importFiles([fileOf(csvText(simpleEntry(ENTRY_A)), 'good.csv')], noProgress);
  const unchanged = async (after: typeof snapshot): Promise<void> => {
    expect(after.files.map((f) => f.name)).toEqual(['good.csv']);
    expect(after.overview.declared).toEqual(snapshot.overview.declared);
    const db = new CapeDb(ctx.name);
    expect(await db.files.count()).toBe(1);
    expect(await db.rowPages.count()).toBe(1);
    db.close();
  };
  return { ...ctx, unchanged };
}

describe('workbooks that are refused leave the dataset as it was', () => {
  it('a workbook without an ES-003 sheet is refused with a message naming the sheets looked at', async () => {
    const { s, unchanged } = await withOneFile();
    const file = await workbookFile(
      [
        { name: 'Parameters', rows: [[text('Report Parameters:')]] },
        {
          name: 'Summary',
          rows: [[text('Summary')], [text('Entry Summary Number'), text('Entry Date'), text('Duty')]],
        },
      ],
      'other.xlsx',
    );
    const { outcomes, snapshot } = await s.importFiles([file], noProgress);
    expect(outcomes[0]!.kind).toBe('rejected');
    expect(messageOf(outcomes[0]!)).toBe(
      'No ES-003 sheet found (looked at "Parameters", "Summary"). Sheet "Summary" row 2 looks like a header but lacks HTS Number - Full: an ES-003 export needs Entry Summary Number, HTS Number - Full, Line Tariff Duty Amount and Entry Date (a per-line IEEPA Duty Amount column may stand in for Line Tariff Duty Amount); an entry-status file needs Entry Summary Number and status columns (e.g. Liquidation Status). Nothing was imported; rename the column in the file, or map the columns yourself.',
    );
    expect(outcomes[0]).toMatchObject({ mappable: true });
    await unchanged(snapshot);
  });

  it('a header below row 30 is not looked for', async () => {
    const { s, unchanged } = await withOneFile();
    const rows: Cell[][] = [...Array.from({ length: 30 }, (_, i) => [text(`note ${i + 1}`)]), ...es003Rows(ENTRY_B, 1)];
    const { outcomes, snapshot } = await s.importFiles(
      [await workbookFile([{ name: 'Main Report', rows }])],
      noProgress,
    );
    expect(messageOf(outcomes[0]!)).toMatch(
      /^No ES-003 sheet found \(looked at "Main Report"\)\. No header row found in the first 30 rows of any sheet: /,
    );
    await unchanged(snapshot);
  });

  it('a truncated workbook is refused as incomplete', async () => {
    const { s, unchanged } = await withOneFile();
    const whole = await bytesOf(await workbookFile([{ name: 'Main Report', rows: es003Rows(ENTRY_B, 50) }]));
    const { outcomes, snapshot } = await s.importFiles(
      [fileOf(whole.slice(0, Math.floor(whole.length * 0.6)), 'cut.xlsx')],
      noProgress,
    );
    expect(outcomes[0]!.kind).toBe('rejected');
    expect(messageOf(outcomes[0]!)).toMatch(/incomplete or damaged.*cut short/);
    await unchanged(snapshot);
  });

  it('a workbook whose worksheet data is corrupted is refused as damaged', async () => {
    const { s, unchanged } = await withOneFile();
    const bytes = await bytesOf(await workbookFile([{ name: 'Main Report', rows: es003Rows(ENTRY_B, 2_000) }]));
    // The worksheet is the biggest member; overwrite a run of its compressed bytes.
    const files = Object.entries(zipEntries(bytes)).sort((a, b) => b[1].size - a[1].size);
    const sheet = files[0]!;
    expect(sheet[0]).toMatch(/worksheets\/sheet1\.xml$/);
    bytes.fill(0xff, sheet[1].dataStart + 200, sheet[1].dataStart + 400);
    const { outcomes, snapshot } = await s.importFiles([fileOf(bytes, 'damaged.xlsx')], noProgress);
    expect(outcomes[0]!.kind).toBe('rejected');
    expect(messageOf(outcomes[0]!)).toMatch(/^The workbook is damaged: /);
    await unchanged(snapshot);
  });

  it('a zipped CSV is refused as not a workbook', async () => {
    const { s, unchanged } = await withOneFile();
    const zip = zipSync({ 'es003.csv': strToU8(csvText(simpleEntry(ENTRY_B))) });
    const { outcomes, snapshot } = await s.importFiles([fileOf(zip, 'es003.zip')], noProgress);
    expect(outcomes[0]).toEqual({
      fileName: 'es003.zip',
      kind: 'rejected',
      message:
        'This ZIP archive is not an Excel workbook (.xlsx): it holds es003.csv. Unzip it and load the CSV or Excel file inside.',
      mappable: false,
    });
    await unchanged(snapshot);
  });

  it('password-protected, binary (.xlsb) and ZIP64 workbooks are refused with what to do instead', async () => {
    const { s, unchanged } = await withOneFile();
    const good = await bytesOf(await workbookFile([{ name: 'Main Report', rows: es003Rows(ENTRY_B, 5) }]));
    const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
    const endRecord = (b: Uint8Array): number => {
      let eocd = b.length - 22;
      while (view(b).getUint32(eocd, true) !== 0x06054b50) eocd--;
      return eocd;
    };
    // Encrypted: general-purpose flag bit 0 on every central directory record.
    const encrypted = good.slice();
    for (
      let p = view(encrypted).getUint32(endRecord(encrypted) + 16, true);
      view(encrypted).getUint32(p, true) === 0x02014b50;
    ) {
      view(encrypted).setUint16(p + 8, view(encrypted).getUint16(p + 8, true) | 1, true);
      p +=
        46 +
        view(encrypted).getUint16(p + 28, true) +
        view(encrypted).getUint16(p + 30, true) +
        view(encrypted).getUint16(p + 32, true);
    }
    // ZIP64: the end record's entry count says "see the ZIP64 record".
    const zip64 = good.slice();
    view(zip64).setUint16(endRecord(zip64) + 10, 0xffff, true);
    const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const xlsb = zipSync({
      '_rels/.rels': strToU8(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.bin"/></Relationships>`,
      ),
      'xl/workbook.bin': new Uint8Array([0x83, 0x01, 0x00]),
    });
    const { outcomes, snapshot } = await s.importFiles(
      [fileOf(encrypted, 'locked.xlsx'), fileOf(xlsb, 'binary.xlsb'), fileOf(zip64, 'huge.xlsx')],
      noProgress,
    );
    expect(outcomes.map((o) => [o.fileName, o.kind])).toEqual([
      ['locked.xlsx', 'rejected'],
      ['binary.xlsb', 'rejected'],
      ['huge.xlsx', 'rejected'],
    ]);
    expect(messageOf(outcomes[0]!)).toMatch(/^The workbook is encrypted \(password-protected\)\. Remove the password/);
    expect(messageOf(outcomes[1]!)).toMatch(/^This is a binary Excel workbook \(\.xlsb\).*Save it in Excel as \.xlsx/);
    expect(messageOf(outcomes[2]!)).toMatch(/^This workbook uses ZIP64/);
    await unchanged(snapshot);
  });

  it('a cancelled workbook import stops promptly and stores nothing', async () => {
    const { s, name, unchanged } = await withOneFile();
    const file = await workbookFile([{ name: 'Main Report', rows: es003Rows(ENTRY_B, 40_000) }]);
    let cancelledAt = 0;
    const { outcomes, snapshot } = await s.importFiles([file], (p) => {
      if (cancelledAt === 0 && p.rows > 0) {
        cancelledAt = performance.now();
        s.cancelImport();
      }
    });
    const latencyMs = performance.now() - cancelledAt;
    console.log(`xlsx cancel: import returned ${latencyMs.toFixed(0)} ms after cancelImport()`);
    expect(cancelledAt).toBeGreaterThan(0);
    expect(outcomes[0]!.kind).toBe('cancelled');
    await unchanged(snapshot);
    const db = new CapeDb(name);
    expect((await db.files.toArray()).map((f) => f.status)).toEqual(['committed']);
    db.close();
  }, 60_000);
});

/** Where each member's compressed data starts, from the central directory (test-side, independent of the reader). */
function zipEntries(bytes: Uint8Array): Record<string, { size: number; dataStart: number }> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = bytes.length - 22;
  while (view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  let p = view.getUint32(eocd + 16, true);
  const out: Record<string, { size: number; dataStart: number }> = {};
  for (let n = view.getUint16(eocd + 10, true); n > 0; n--) {
    const nameLength = view.getUint16(p + 28, true);
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength));
    const local = view.getUint32(p + 42, true);
    const dataStart = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    out[name] = { size: view.getUint32(p + 20, true), dataStart };
    p += 46 + nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return out;
}
