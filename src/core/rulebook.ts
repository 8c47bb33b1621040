/**
 * Loading a rule pack (SPEC §8, §11): the bytes of a `cape-prep-rulepack/1` document become a
 * validated `Rulepack` with its SHA-256, or a list of problems, each naming the value (its path) and
 * what is wrong with it. The built-in pack (builtin-rulepack.ts) and a pack the user loads go through
 * the same function; core reads rule values only from a pack loaded here.
 */
// SHA-256 in plain JavaScript (@noble/hashes, audited, about 2.6 KB gzip): Web Crypto's digest exists only in
// secure contexts, and the app is also served from plain-HTTP intranet hosts; it is synchronous, too.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import * as v from 'valibot';
import { normaliseErrorText } from './cape-errors';
import { IEEPA_HEADING_PREFIXES } from './cell-values';
import { nextQuarter } from './dates';
import { RULEPACK_FORMAT, type Rulepack, RulepackSchema } from './rulepack-schema';

export type {
  Confidence,
  HeadingRule,
  OtherChapter99Programme,
  OverpaymentRate,
  RateStatus,
  RuleSource,
  Rulepack,
} from './rulepack-schema';

/** A pack as loaded: the document, the exact bytes it came from and their SHA-256 (lower-case hex). */
export interface LoadedRulepack {
  pack: Rulepack;
  bytes: Uint8Array;
  sha256: string;
}

/** What is wrong, and where: `path` names the value (empty for the file as a whole). */
export interface RulepackProblem {
  path: string;
  message: string;
}

export type RulepackLoad = { kind: 'valid'; loaded: LoadedRulepack } | { kind: 'invalid'; problems: RulepackProblem[] };

/** A rule pack is a few hundred KB at most; anything far larger is not one. */
export const MAX_RULEPACK_BYTES = 5 * 1024 * 1024;

export function problemText(p: RulepackProblem): string {
  return p.path === '' ? p.message : `${p.path}: ${p.message}`;
}

function sha256Hex(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

/** The bytes the app writes for a pack it exports: two-space JSON, keys in document order, one final newline. */
export function canonicalRulepackBytes(document: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(document, null, 2) + '\n');
}

/** Validate the bytes of a pack file in full: encoding, JSON, format, every value, and how values relate. */
export function loadRulepack(bytes: Uint8Array): RulepackLoad {
  const invalid = (message: string): RulepackLoad => ({ kind: 'invalid', problems: [{ path: '', message }] });
  if (bytes.length === 0) return invalid('The file is empty.');
  if (bytes.length > MAX_RULEPACK_BYTES)
    return invalid(`The file is ${bytes.length.toLocaleString('en-US')} bytes: larger than any rule pack (5 MB).`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return invalid('The file is not UTF-8 text: a rule pack is a JSON document.');
  }
  let json: unknown;
  try {
    // A byte-order mark from a Windows editor is not part of the JSON.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return invalid(`The file is not valid JSON: ${e instanceof Error ? e.message : String(e)}.`);
  }
  const checked = validateRulepack(json);
  if (checked.kind === 'invalid') return checked;
  return { kind: 'valid', loaded: { pack: checked.pack, bytes, sha256: sha256Hex(bytes) } };
}

/** Validate a parsed document: the shape first (every key, type and format), then the relations. */
export function validateRulepack(
  json: unknown,
): { kind: 'valid'; pack: Rulepack } | { kind: 'invalid'; problems: RulepackProblem[] } {
  const format = (json as { format?: unknown } | null)?.format;
  if (typeof json !== 'object' || json === null || Array.isArray(json) || format !== RULEPACK_FORMAT) {
    const what =
      typeof json !== 'object' || json === null || Array.isArray(json) ? 'the document is not an object' : '';
    return {
      kind: 'invalid',
      problems: [
        {
          path: 'format',
          message: `must be "${RULEPACK_FORMAT}": this is not a CAPE Prep rule pack (${what || `format is ${format === undefined ? 'missing' : JSON.stringify(format)}`}).`,
        },
      ],
    };
  }
  const parsed = v.safeParse(RulepackSchema, json, { abortEarly: false });
  if (!parsed.success) return { kind: 'invalid', problems: parsed.issues.map((i) => issueProblem(json, i)) };
  const problems = relationProblems(parsed.output);
  return problems.length > 0 ? { kind: 'invalid', problems } : { kind: 'valid', pack: parsed.output };
}

// ---- Paths ----

/** Fields that identify an item of a list, in the order they are looked for. */
const IDENTITY_FIELDS = ['heading', 'quarter', 'id', 'version', 'fiscalYear', 'from'] as const;

/** The identity of a list item (`quarter=2026Q2`), or null when it has none. */
export function itemIdentity(item: unknown): string | null {
  if (typeof item !== 'object' || item === null) return null;
  const o = item as Record<string, unknown>;
  for (const f of IDENTITY_FIELDS) {
    const id = o[f];
    if (typeof id === 'string' || typeof id === 'number') return `${f}=${id}`;
  }
  return null;
}

/** A path in a document as text: `overpaymentRates[quarter=2026Q2].corporate` (an index where an item has no identity). */
export function pathText(root: unknown, keys: readonly (string | number)[]): string {
  let out = '';
  let at: unknown = root;
  for (const k of keys) {
    const next = typeof at === 'object' && at !== null ? (at as Record<string | number, unknown>)[k] : undefined;
    if (typeof k === 'number') out += `[${itemIdentity(next) ?? k}]`;
    else out += out === '' ? k : `.${k}`;
    at = next;
  }
  return out;
}

type Issue = v.InferIssue<typeof RulepackSchema>;

function issueProblem(root: unknown, issue: Issue): RulepackProblem {
  const keys = (issue.path ?? []).map((p) => p.key as string | number);
  const path = pathText(root, keys);
  if (issue.type === 'strict_object' && issue.expected === 'never')
    return { path, message: `unknown key: ${RULEPACK_FORMAT} has no such value.` };
  if (issue.type === 'strict_object' && issue.received === 'undefined' && issue.expected?.startsWith('"'))
    return { path, message: 'missing: every value of the format is required.' };
  // valibot's own wording for a value of the wrong type; every other message is the schema's.
  if (issue.message.startsWith('Invalid type:'))
    return { path, message: `must be ${typeName(issue.expected)}, got ${issue.received}.` };
  return { path, message: `${issue.message}.` };
}

function typeName(expected: string | null): string {
  switch (expected) {
    case 'Object':
      return 'an object';
    case 'Array':
      return 'a list';
    case 'string':
      return 'text in quotes';
    case 'number':
      return 'a number';
    case '(null | Array)':
      return 'a list or null';
    case '(null | string)':
      return 'text in quotes or null';
    default:
      return expected ?? 'something else';
  }
}

// ---- Relations between values ----

function relationProblems(p: Rulepack): RulepackProblem[] {
  const out: RulepackProblem[] = [];
  const at = (keys: (string | number)[], message: string) => out.push({ path: pathText(p, keys), message });
  const window = (keys: (string | number)[], from: string, to: string | null) => {
    if (to !== null && to < from) at(keys, `ends (${to}) before it starts (${from}).`);
  };
  const unique = (list: readonly unknown[], key: string, label: string) => {
    const seen = new Set<unknown>();
    list.forEach((item, k) => {
      const id = (item as Record<string, unknown>)[key];
      if (seen.has(id)) at([label, k], `${key} ${String(id)} is listed twice.`);
      seen.add(id);
    });
  };

  unique(p.changes, 'version', 'changes');
  window(['collectionWindow', 'value'], p.collectionWindow.value.from, p.collectionWindow.value.to);

  unique(p.headings, 'heading', 'headings');
  p.headings.forEach((h, k) => {
    window(['headings', k], h.from, h.to);
    const fixed = h.kind === 'additional' || h.kind === 'exemption';
    if (fixed && h.rates === null) at(['headings', k, 'rates'], `a heading of kind "${h.kind}" needs its rates.`);
    if (!fixed && h.rates !== null) at(['headings', k, 'rates'], `must be null for a heading of kind "${h.kind}".`);
    h.rates?.forEach((s, j) => {
      if (s.from < h.from || s.from > h.to)
        at(['headings', k, 'rates', j, 'from'], `must lie within the heading's dates ${h.from} … ${h.to}.`);
      if (j > 0 && s.from <= h.rates![j - 1]!.from)
        at(['headings', k, 'rates', j, 'from'], 'rate steps must be in date order, each on a later date.');
    });
  });

  unique(p.otherChapter99, 'id', 'otherChapter99');
  const prefixes = new Set<string>();
  p.otherChapter99.forEach((o, k) => {
    window(['otherChapter99', k], o.from, o.to);
    o.htsPrefixes.forEach((prefix, j) => {
      if (IEEPA_HEADING_PREFIXES.some((ieepa) => prefix.startsWith(ieepa) || ieepa.startsWith(prefix)))
        at(['otherChapter99', k, 'htsPrefixes', j], `${prefix} overlaps the IEEPA headings: list it under headings.`);
      if (prefixes.has(prefix)) at(['otherChapter99', k, 'htsPrefixes', j], `${prefix} is listed twice.`);
      prefixes.add(prefix);
    });
  });

  p.overpaymentRates.forEach((r, k) => {
    const prev = p.overpaymentRates[k - 1];
    if (prev && r.quarter !== nextQuarter(prev.quarter))
      at(
        ['overpaymentRates', k, 'quarter'],
        `quarters must follow each other without gaps or repeats: ${prev.quarter} is followed by ${r.quarter}.`,
      );
  });

  const l = p.limits;
  if (l.nearLimitFromDays.value > l.reliquidationWindowDays.value)
    at(['limits', 'nearLimitFromDays', 'value'], 'must not exceed limits.reliquidationWindowDays.');
  if (l.protestDays.value <= l.reliquidationWindowDays.value)
    at(['limits', 'protestDays', 'value'], 'must exceed limits.reliquidationWindowDays.');
  if (l.maxEntriesPerDeclaration.value < 1) at(['limits', 'maxEntriesPerDeclaration', 'value'], 'must be at least 1.');

  for (const [group, r] of Object.entries(p.entryTypes))
    if (new Set(r.value).size !== r.value.length) at(['entryTypes', group, 'value'], 'lists an entry type twice.');
  const weekdays = p.liquidationDays.value;
  if (weekdays.some((d, k) => k > 0 && d <= weekdays[k - 1]!))
    at(['liquidationDays', 'value'], 'weekdays must be listed once each, in ascending order.');

  p.fees.mpf.value.byFiscalYear.forEach((fy, k) => {
    window(['fees', 'mpf', 'value', 'byFiscalYear', k], fy.from, fy.to);
    if (fy.minCents > fy.maxCents)
      at(['fees', 'mpf', 'value', 'byFiscalYear', k, 'minCents'], 'must not exceed maxCents.');
  });

  unique(p.errorCatalogue, 'id', 'errorCatalogue');
  p.errorCatalogue.forEach((e, k) =>
    e.patterns.forEach((pattern, j) => {
      if (normaliseErrorText(pattern) === '')
        at(['errorCatalogue', k, 'patterns', j], 'must contain a letter or digit (punctuation alone matches nothing).');
    }),
  );
  return out;
}

// ---- Comparing packs ----

/** Numbers compared as numbers, other runs as text: "2026.11.28-2" > "2026.11.28-1", "2026.12.01-1" > "2026.11.30-9". */
export function compareVersions(a: string, b: string): number {
  const parts = (s: string) => s.match(/\d+|[^\d]+/g) ?? [];
  const pa = parts(a);
  const pb = parts(b);
  for (let k = 0; k < Math.min(pa.length, pb.length); k++) {
    const x = pa[k]!;
    const y = pb[k]!;
    const nx = /^\d/.test(x);
    const ny = /^\d/.test(y);
    const c = nx && ny ? Number(x) - Number(y) : nx !== ny ? (nx ? -1 : 1) : x < y ? -1 : x > y ? 1 : 0;
    if (c !== 0) return c < 0 ? -1 : 1;
  }
  return Math.sign(pa.length - pb.length);
}

/** Which pack is newer: by as-of date, then by version; 0 when both are equal. */
export function compareRulepacks(a: Pick<Rulepack, 'asOf' | 'version'>, b: Pick<Rulepack, 'asOf' | 'version'>): number {
  if (a.asOf !== b.asOf) return a.asOf < b.asOf ? -1 : 1;
  return compareVersions(a.version, b.version);
}

/** The name a pack is downloaded under: `cape-prep-rulepack-2026.11.28-1.json`. */
export function rulepackFileName(pack: Pick<Rulepack, 'version'>): string {
  return `cape-prep-rulepack-${pack.version}.json`;
}
