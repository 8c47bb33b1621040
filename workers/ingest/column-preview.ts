/**
 * What the mapping screen shows of a file: its first lines (or a workbook sheet's first rows) split
 * into cells, which of them is the header row (the one the import would find, else the closest
 * candidate), and the columns each field maps to there (remembered for these headers, else by
 * alias). The user's choice is read back by the import through the same header signature.
 */
import type { ChosenColumns } from '../../src/core/header-mapping';
import { FileRejected } from './csv-records';
import { HEAD_BYTES, classifyHead } from './file-head';
import {
  DELIMITERS,
  type Delimiter,
  HEADER_SEARCH_LINES,
  type RememberedMappings,
  findHeader,
  mappingOf,
  splitHeaderLine,
} from './header-detect';

/** Data rows shown under the header, for their sample values. */
export const SAMPLE_ROWS = 5;
/** Text read for a preview: far more than 30 lines of any export. */
const PREVIEW_BYTES = 512 * 1024;

export interface ColumnPreview {
  fileName: string;
  /** Where the rows come from: `UTF-8, comma-delimited` or `sheet "Main Report"`. */
  source: string;
  /** The first rows, split into cells, with their row numbers in the file (1-based). */
  rows: { n: number; cells: string[] }[];
  /** Index in `rows` of the header row. */
  headerIndex: number;
  /** Columns of the header row's fields: the mapping remembered for these headers, else the aliases'. */
  columns: ChosenColumns;
  /** The columns are a mapping the user chose before for these headers. */
  remembered: boolean;
}

/** Rows of a workbook's data sheet, for a preview (xlsx-source.ts). */
export type WorkbookRows = (
  file: File,
  remembered: RememberedMappings,
) => Promise<{ sheet: string; rows: { n: number; cells: string[] }[] }>;

/**
 * The header row among `rows`: the first whose headers have a remembered mapping, else the one
 * mapping the most fields, else (headers renamed beyond recognition) the first with the most cells.
 */
export function pickHeader(rows: readonly { cells: string[] }[], remembered: RememberedMappings): number {
  const candidates = rows.slice(0, HEADER_SEARCH_LINES).map((row) => mappingOf(row.cells, remembered));
  const rememberedAt = candidates.findIndex((c) => c.chosen);
  if (rememberedAt >= 0) return rememberedAt;
  let best = 0;
  let bestScore = -1;
  candidates.forEach(({ mapping }, i) => {
    // Fields mapped count most; then filled cells (a title line has one).
    const score = mapping.recognised.length * 100_000 + rows[i]!.cells.filter((c) => c.trim() !== '').length;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}

function preview(
  fileName: string,
  source: string,
  rows: { n: number; cells: string[] }[],
  headerIndex: number,
  remembered: RememberedMappings,
): ColumnPreview {
  const headers = rows[headerIndex]?.cells ?? [];
  const { mapping, chosen } = mappingOf(headers, remembered);
  return { fileName, source, rows, headerIndex, columns: mapping.columns, remembered: chosen };
}

/** Split lines into cells with the delimiter that gives the widest row. */
function splitLines(lines: readonly string[], found: Delimiter | null): { delimiter: Delimiter; rows: string[][] } {
  const widest = (d: Delimiter) => Math.max(0, ...lines.map((l) => splitHeaderLine(l, d).length));
  const delimiter = found ?? [...DELIMITERS].sort((a, b) => widest(b) - widest(a))[0]!;
  return { delimiter, rows: lines.map((l) => splitHeaderLine(l, delimiter)) };
}

const DELIMITER_NAME: Record<Delimiter, string> = { '\t': 'tab', ',': 'comma', ';': 'semicolon', '|': 'pipe' };

/** The preview of a delimited text file, or of a workbook through `workbook`. */
export async function previewColumns(
  file: File,
  remembered: RememberedMappings,
  workbook?: WorkbookRows,
): Promise<ColumnPreview | { rejected: string }> {
  const head = classifyHead(new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer()));
  if (head.kind === 'rejected') return { rejected: head.reason };
  try {
    if (head.kind === 'zip') {
      if (!workbook) return { rejected: 'This is a ZIP or Excel file, not delimited text.' };
      const { sheet, rows } = await workbook(file, remembered);
      return preview(file.name, `sheet "${sheet}"`, rows, pickHeader(rows, remembered), remembered);
    }
    const bytes = new Uint8Array(await file.slice(0, PREVIEW_BYTES).arrayBuffer());
    let text = new TextDecoder(head.encoding).decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
    // The last line may be cut off where the bytes read end.
    if (file.size > PREVIEW_BYTES) lines.pop();
    const kept = lines.slice(0, HEADER_SEARCH_LINES + SAMPLE_ROWS);
    const found = findHeader(kept.slice(0, HEADER_SEARCH_LINES), remembered);
    const { delimiter, rows } = splitLines(kept, 'kind' in found ? found.delimiter : null);
    const numbered = rows.map((cells, i) => ({ n: i + 1, cells }));
    const headerIndex = 'kind' in found ? found.lineIndex : pickHeader(numbered, remembered);
    return preview(file.name, `${DELIMITER_NAME[delimiter]}-delimited text`, numbered, headerIndex, remembered);
  } catch (e) {
    if (e instanceof FileRejected) return { rejected: e.message };
    throw e;
  }
}
