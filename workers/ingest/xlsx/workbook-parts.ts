/**
 * The small workbook parts that say how to read a worksheet: package and workbook relationships
 * (which part is which), the sheet list, the date system, and the cell number formats. Parts are
 * found through relationships, never by fixed path, and relationship types are matched by their
 * last segment so Strict OOXML (other namespace URIs) reads the same.
 */
import { FileRejected } from '../csv-records';
import { type NumberStyle, numberStyle } from './number-formats';
import { readXml } from './xml-stream';
import type { ZipReader } from './zip-reader';

export interface SheetRef {
  name: string;
  path: string;
}

export interface WorkbookInfo {
  sheets: SheetRef[];
  /** Serial day 0 is 1904-01-01 instead of 1899-12-31 (old Mac workbooks). */
  date1904: boolean;
  /** Number style of each cell format (`<c s="…">` indexes this). */
  styles: NumberStyle[];
  sharedStringsPath: string | null;
}

interface Relationship {
  type: string;
  target: string;
}

/** `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`. */
function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** Resolve a relationship target against the folder of the part that owns it. */
function resolveTarget(part: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const segments = part.split('/').slice(0, -1);
  for (const s of target.split('/')) {
    if (s === '..') segments.pop();
    else if (s !== '.' && s !== '') segments.push(s);
  }
  return segments.join('/');
}

async function readRels(zip: ZipReader, part: string): Promise<Map<string, Relationship>> {
  const rels = new Map<string, Relationship>();
  const path = relsPathOf(part);
  if (!zip.has(path)) return rels;
  await readXml(
    zip.chunks(path),
    {
      open(name, a) {
        if (name !== 'Relationship' || a.TargetMode === 'External' || !a.Id || !a.Target) return;
        rels.set(a.Id, {
          type: (a.Type ?? '').slice((a.Type ?? '').lastIndexOf('/') + 1),
          target: resolveTarget(part, a.Target),
        });
      },
      close() {},
      text() {},
    },
    path,
  );
  return rels;
}

/** Where the workbook part is, or a message saying why this ZIP is not a workbook we read. */
async function findWorkbookPart(zip: ZipReader): Promise<string> {
  const root = await readRels(zip, '');
  const office = [...root.values()].find((r) => r.type === 'officeDocument');
  const part = office?.target ?? 'xl/workbook.xml';
  if (zip.has(part) && part.toLowerCase().endsWith('.xml')) return part;
  if (part.toLowerCase().endsWith('.bin') || zip.has('xl/workbook.bin')) {
    throw new FileRejected(
      'This is a binary Excel workbook (.xlsb), which cannot be read here. Save it in Excel as .xlsx, or export CSV.',
    );
  }
  const names = zip.names();
  const listed = names.slice(0, 5).join(', ') + (names.length > 5 ? ` and ${names.length - 5} more` : '');
  throw new FileRejected(
    `This ZIP archive is not an Excel workbook (.xlsx): it holds ${listed || 'nothing'}. Unzip it and load the CSV or Excel file inside.`,
  );
}

async function readSheetList(
  zip: ZipReader,
  part: string,
): Promise<{ sheets: { name: string; rid: string }[]; date1904: boolean }> {
  const sheets: { name: string; rid: string }[] = [];
  let date1904 = false;
  await readXml(
    zip.chunks(part),
    {
      open(name, a) {
        if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
        if (name !== 'sheet') return;
        // The relationship id sits in the relationships namespace under whatever prefix (`r:id`).
        const idKey = Object.keys(a).find((k) => k.endsWith(':id'));
        if (a.name !== undefined && idKey) sheets.push({ name: a.name, rid: a[idKey]! });
      },
      close() {},
      text() {},
    },
    part,
  );
  return { sheets, date1904 };
}

async function readStyles(zip: ZipReader, part: string): Promise<NumberStyle[]> {
  const custom = new Map<number, string>();
  const ids: number[] = [];
  let inCellXfs = false;
  await readXml(
    zip.chunks(part),
    {
      open(name, a) {
        if (name === 'numFmt' && a.numFmtId !== undefined && a.formatCode !== undefined)
          custom.set(Number(a.numFmtId), a.formatCode);
        else if (name === 'cellXfs') inCellXfs = true;
        // cellStyleXfs holds <xf> elements too; only cellXfs is what cells index.
        else if (name === 'xf' && inCellXfs) ids.push(Number(a.numFmtId ?? 0));
      },
      close(name) {
        if (name === 'cellXfs') inCellXfs = false;
      },
      text() {},
    },
    part,
  );
  return ids.map((id) => numberStyle(id, custom));
}

export async function readWorkbookInfo(zip: ZipReader): Promise<WorkbookInfo> {
  const part = await findWorkbookPart(zip);
  const rels = await readRels(zip, part);
  const list = await readSheetList(zip, part);
  const sheets: SheetRef[] = [];
  for (const s of list.sheets) {
    const rel = rels.get(s.rid);
    // Chart sheets and dialog sheets hold no cells.
    if (rel?.type === 'worksheet') sheets.push({ name: s.name, path: rel.target });
  }
  if (sheets.length === 0) throw new FileRejected('The workbook holds no worksheets.');
  const byType = (type: string): string | null =>
    [...rels.values()].find((r) => r.type === type && zip.has(r.target))?.target ?? null;
  const stylesPath = byType('styles');
  return {
    sheets,
    date1904: list.date1904,
    styles: stylesPath ? await readStyles(zip, stylesPath) : [],
    sharedStringsPath: byType('sharedStrings'),
  };
}
