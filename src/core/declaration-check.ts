/**
 * Check a CAPE Declaration CSV made elsewhere as CAPE would (SPEC §6): stage 1 refuses the whole
 * file on any file-level fault; stage 2 gives a verdict per entry against the loaded data.
 */
import { normaliseEntryNumber } from './entry-number';
import { DECLARATION_HEADER } from './declarations';
import { type FilingStatus, isFiled } from './filing-status';
import { type ReasonCode, type Segment, capeAccepts } from './reasons';

export type Stage1Code =
  'NOT_CSV' | 'EMPTY' | 'HEADER' | 'TOO_MANY_ROWS' | 'MALFORMED' | 'DUPLICATE' | 'NOT_AUTHORIZED';

export interface Stage1Fault {
  code: Stage1Code;
  message: string;
  /** 1-based line numbers in the file (the header is line 1), at most 20 listed. */
  lines: number[];
}

export interface Stage2Verdict {
  entryNumber: string;
  accepted: boolean;
  segment: Segment | null;
  /**
   * `NOT_IN_DATA` when the entry is not in the loaded data; `ON_PRIOR_DECLARATION` when it is already
   * filed (SPEC §10: CAPE rejects an entry duplicated from a prior declaration); else the entry's reasons.
   */
  reasons: (ReasonCode | 'NOT_IN_DATA' | 'ON_PRIOR_DECLARATION')[];
}

export interface DeclarationCheck {
  fileName: string;
  passed: boolean;
  faults: Stage1Fault[];
  notes: string[];
  entryCount: number;
  /** Present when stage 1 passed. */
  verdicts: Stage2Verdict[] | null;
}

export interface LoadedEntry {
  importerNumber: string;
  segment: Segment;
  reasons: ReasonCode[];
  /** NOT_FILED when absent. */
  filingStatus?: FilingStatus;
}

export interface CheckContext {
  maxEntries: number;
  lookup(entryNumber: string): LoadedEntry | undefined;
  /** False when the profile names no IORs or filer codes. */
  authorizationChecked: boolean;
  isAuthorized(entryNumber: string, importerNumber: string | null): boolean;
}

const MAX_LISTED = 20;

function decodeText(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** One CSV cell: a quoted value is unquoted; an unquoted comma means a second column. */
function singleCell(line: string): string | null {
  const t = line.trim();
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) {
    const inner = t.slice(1, -1);
    return inner.replace(/""/g, '"').includes('"') ? null : inner.replace(/""/g, '"');
  }
  return t.includes(',') || t.includes('"') ? null : t;
}

function fault(code: Stage1Code, message: string, lines: number[] = []): Stage1Fault {
  return { code, message, lines: lines.slice(0, MAX_LISTED) };
}

export function checkDeclaration(fileName: string, bytes: Uint8Array, ctx: CheckContext): DeclarationCheck {
  const result = (
    faults: Stage1Fault[],
    notes: string[],
    entryCount: number,
    verdicts: Stage2Verdict[] | null,
  ): DeclarationCheck => ({
    fileName,
    passed: faults.length === 0,
    faults,
    notes,
    entryCount,
    verdicts,
  });
  const notes: string[] = [];
  let text = decodeText(bytes);
  if (!/\.csv$/i.test(fileName) || text === null) {
    return result(
      [fault('NOT_CSV', 'Not a CSV file: CAPE accepts only a comma-delimited text file saved as .csv.')],
      notes,
      0,
      null,
    );
  }
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    notes.push(
      'The file starts with a byte-order mark; CBP has not said whether CAPE accepts one. Files from this app have none.',
    );
  }
  if (text.trim() === '')
    return result(
      [fault('EMPTY', 'The file is empty: it needs the header "Entry Number" and at least one entry.')],
      notes,
      0,
      null,
    );
  if (text.includes('\r\n')) {
    if (/[^\r]\n|^\n/.test(text)) notes.push('Line endings are mixed (CRLF and LF).');
  }
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  const faults: Stage1Fault[] = [];
  const header = singleCell(lines[0] ?? '');
  if (header !== DECLARATION_HEADER) {
    faults.push(
      fault(
        'HEADER',
        `Missing or incorrect header: cell A1 must read exactly "${DECLARATION_HEADER}" and be the only column (found "${lines[0] ?? ''}").`,
        [1],
      ),
    );
  }
  const data = lines.slice(1);
  if (data.length === 0) faults.push(fault('EMPTY', 'The file has a header but no entry numbers.'));
  if (data.length > ctx.maxEntries) {
    faults.push(
      fault(
        'TOO_MANY_ROWS',
        `${data.length.toLocaleString('en-US')} entries: CAPE accepts at most ${ctx.maxEntries.toLocaleString('en-US')} per declaration; split the file.`,
      ),
    );
  }
  const malformed: number[] = [];
  const duplicates: number[] = [];
  const unauthorized: number[] = [];
  const firstSeen = new Map<string, number>();
  const entries: string[] = [];
  data.forEach((raw, i) => {
    const lineNo = i + 2;
    const cell = singleCell(raw);
    const entry = cell === null ? null : normaliseEntryNumber(cell);
    if (entry === null) {
      malformed.push(lineNo);
      return;
    }
    if (firstSeen.has(entry)) {
      duplicates.push(lineNo);
      return;
    }
    firstSeen.set(entry, lineNo);
    entries.push(entry);
    if (ctx.authorizationChecked && !ctx.isAuthorized(entry, ctx.lookup(entry)?.importerNumber ?? null))
      unauthorized.push(lineNo);
  });
  if (malformed.length > 0) {
    const sample = malformed
      .slice(0, 3)
      .map((n) => `line ${n}: "${lines[n - 1]}"`)
      .join('; ');
    faults.push(
      fault(
        'MALFORMED',
        `${malformed.length} malformed entry number${malformed.length > 1 ? 's' : ''} (each must be 11 letters/digits after removing dashes; blank rows are not allowed): ${sample}.`,
        malformed,
      ),
    );
  }
  if (duplicates.length > 0) {
    faults.push(
      fault(
        'DUPLICATE',
        `${duplicates.length} duplicate entry number${duplicates.length > 1 ? 's' : ''}: each entry may appear once per declaration.`,
        duplicates,
      ),
    );
  }
  if (unauthorized.length > 0) {
    faults.push(
      fault(
        'NOT_AUTHORIZED',
        `${unauthorized.length} entr${unauthorized.length > 1 ? 'ies' : 'y'} you are not authorized to file (IOR or filer code not in your profile).`,
        unauthorized,
      ),
    );
  }
  if (!ctx.authorizationChecked)
    notes.push('Authorization was not checked: your profile names no IOR numbers or filer codes.');
  if (faults.length > 0) return result(faults, notes, entries.length, null);
  const verdicts = entries.map((entryNumber): Stage2Verdict => {
    const loaded = ctx.lookup(entryNumber);
    if (!loaded) return { entryNumber, accepted: false, segment: null, reasons: ['NOT_IN_DATA'] };
    if (loaded.filingStatus && isFiled(loaded.filingStatus))
      return { entryNumber, accepted: false, segment: loaded.segment, reasons: ['ON_PRIOR_DECLARATION'] };
    return { entryNumber, accepted: capeAccepts(loaded.segment), segment: loaded.segment, reasons: loaded.reasons };
  });
  return result([], notes, entries.length, verdicts);
}
