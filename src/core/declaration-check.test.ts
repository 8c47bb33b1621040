import { describe, expect, it } from 'vitest';
import { type CheckContext, type LoadedEntry, checkDeclaration } from './declaration-check';
import { checkDigit } from './entry-number';

const enc = (s: string) => new TextEncoder().encode(s);

const loaded = new Map<string, LoadedEntry>([
  ['B7603245278', { importerNumber: '12-3456789-00', segment: 'READY', reasons: [] }],
  ['ABC12345676', { importerNumber: '98-7654321-00', segment: 'NOT_ELIGIBLE', reasons: ['DRAWBACK'] }],
  ['SP700000014', { importerNumber: '12-3456789-00', segment: 'NO_REFUND', reasons: ['NO_IEEPA_LINE'] }],
]);

function ctx(overrides: Partial<CheckContext> = {}): CheckContext {
  return {
    maxEntries: 9999,
    lookup: (e) => loaded.get(e),
    authorizationChecked: false,
    isAuthorized: () => true,
    ...overrides,
  };
}

const codes = (r: ReturnType<typeof checkDeclaration>) => r.faults.map((f) => f.code);

describe('declaration check, stage 1 (whole file)', () => {
  it('passes a good file and gives stage-2 verdicts per entry', () => {
    const r = checkDeclaration(
      'mine.csv',
      enc('Entry Number\r\nB76-0324527-8\r\nABC12345676\r\nSP700000014\r\nZ9900000003\r\n'),
      ctx(),
    );
    expect(r.passed).toBe(true);
    expect(r.entryCount).toBe(4);
    expect(r.verdicts).toEqual([
      { entryNumber: 'B7603245278', accepted: true, segment: 'READY', reasons: [] },
      { entryNumber: 'ABC12345676', accepted: false, segment: 'NOT_ELIGIBLE', reasons: ['DRAWBACK'] },
      { entryNumber: 'SP700000014', accepted: false, segment: 'NO_REFUND', reasons: ['NO_IEEPA_LINE'] },
      { entryNumber: 'Z9900000003', accepted: false, segment: null, reasons: ['NOT_IN_DATA'] },
    ]);
  });

  it('accepts LF line endings and a quoted header', () => {
    expect(checkDeclaration('a.csv', enc('"Entry Number"\nB7603245278\n'), ctx()).passed).toBe(true);
  });

  it.each([
    ['not .csv', 'list.xlsx', enc('Entry Number\r\nB7603245278\r\n'), 'NOT_CSV'],
    ['binary', 'list.csv', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), 'NOT_CSV'],
    ['invalid UTF-8', 'list.csv', new Uint8Array([0x45, 0xff, 0xfe, 0x41]), 'NOT_CSV'],
    ['empty', 'list.csv', enc(''), 'EMPTY'],
    ['header misspelt', 'list.csv', enc('Entry Numbers\r\nB7603245278\r\n'), 'HEADER'],
    ['header wrong case', 'list.csv', enc('entry number\r\nB7603245278\r\n'), 'HEADER'],
    ['header missing', 'list.csv', enc('B7603245278\r\nABC12345676\r\n'), 'HEADER'],
    ['two columns', 'list.csv', enc('Entry Number,IOR\r\nB7603245278,12\r\n'), 'HEADER'],
    ['malformed entry', 'list.csv', enc('Entry Number\r\nB76-0324527\r\n'), 'MALFORMED'],
    ['blank row', 'list.csv', enc('Entry Number\r\nB7603245278\r\n\r\nABC12345676\r\n'), 'MALFORMED'],
    ['duplicate after normalisation', 'list.csv', enc('Entry Number\r\nB7603245278\r\nb76-0324527-8\r\n'), 'DUPLICATE'],
  ])('%s → %s', (_label, name, bytes, code) => {
    const r = checkDeclaration(name, bytes, ctx());
    expect(r.passed).toBe(false);
    expect(codes(r)).toContain(code);
    expect(r.verdicts).toBeNull();
  });

  it('more than 9,999 entries fails; exactly 9,999 passes', () => {
    const rows = (n: number) => {
      const out = ['Entry Number'];
      for (let i = 0; i < n; i++) {
        const base = 'ABC' + String(i).padStart(7, '0');
        out.push(base + checkDigit(base));
      }
      return enc(out.join('\r\n') + '\r\n');
    };
    expect(checkDeclaration('big.csv', rows(9999), ctx()).passed).toBe(true);
    const r = checkDeclaration('big.csv', rows(10_000), ctx());
    expect(codes(r)).toEqual(['TOO_MANY_ROWS']);
  });

  it('fails the whole file when it holds entries the filer may not declare', () => {
    const broker = ctx({ authorizationChecked: true, isAuthorized: (e) => e.startsWith('B76') });
    const r = checkDeclaration('x.csv', enc('Entry Number\r\nB7603245278\r\nABC12345676\r\n'), broker);
    expect(codes(r)).toEqual(['NOT_AUTHORIZED']);
    expect(r.faults[0]!.lines).toEqual([3]);
  });

  it('notes a byte-order mark and an unchecked authorization without failing', () => {
    const r = checkDeclaration('x.csv', enc('\uFEFFEntry Number\r\nB7603245278\r\n'), ctx());
    expect(r.passed).toBe(true);
    expect(r.notes.join(' ')).toMatch(/byte-order mark/);
    expect(r.notes.join(' ')).toMatch(/Authorization was not checked/);
  });
});
