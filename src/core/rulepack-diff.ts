/**
 * What a rule pack changes against another, value by value, for the user to read before applying it:
 * each change names its path (`overpaymentRates[quarter=2026Q2].corporate`), a readable place
 * ("Overpayment rates › 2026Q2 › corporate") and the values before and after. Lists whose items have an
 * identity (a heading, a quarter, an id) are matched by it, so an inserted heading is one addition,
 * not a shift of everything after it. The pack's own metadata (format, version, as-of date,
 * changelog) is shown beside the changes, not among them.
 */
import { itemIdentity, pathText } from './rulebook';
import type { Rulepack } from './rulepack-schema';

export interface RulepackChange {
  kind: 'added' | 'removed' | 'changed';
  /** Exact path of the value, as problems name it. */
  path: string;
  /** The same place in words. */
  where: string;
  /** The value before and after, as short text (empty when added or removed). */
  before: string;
  after: string;
}

const METADATA = new Set(['format', 'version', 'asOf', 'changes']);

const SECTION_NAMES: Readonly<Record<string, string>> = {
  collectionWindow: 'IEEPA collection window',
  headings: 'IEEPA headings',
  otherChapter99: 'Other Chapter 99 programmes',
  overpaymentRates: 'Overpayment rates',
  interest: 'Interest method',
  limits: 'CAPE limits',
  ruleChanges: 'CAPE rule changes',
  entryTypes: 'Entry types',
  liquidationDays: 'Liquidation weekdays',
  holidays: 'Federal holidays',
  fees: 'Fees',
  phases: 'Routes outside CAPE',
  errorCatalogue: 'CAPE error catalogue',
};

type Json = unknown;
type Key = string | number;

export function diffRulepacks(before: Rulepack, after: Rulepack): RulepackChange[] {
  const out: RulepackChange[] = [];
  const keys = union(Object.keys(before), Object.keys(after)).filter((k) => !METADATA.has(k));
  for (const k of keys) compare(before, after, [k], out);
  return out;
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...a, ...b.filter((k) => !a.includes(k))];
}

function at(root: Json, path: readonly Key[]): Json {
  let v = root;
  for (const k of path) v = typeof v === 'object' && v !== null ? (v as Record<Key, Json>)[k] : undefined;
  return v;
}

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A value as short text: strings as they are, lists of plain values joined, list items by identity and name. */
function shown(v: Json): string {
  if (v === undefined) return '';
  if (v === null) return 'none';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null)) return v.map(shown).join(', ');
  const identity = itemIdentity(v);
  if (identity && isObject(v)) {
    const [field, id] = identity.split('=') as [string, string];
    const name = v.label ?? v.name;
    if (typeof name === 'string') return `${id} (${name})`;
    const scalars = Object.entries(v).filter(
      ([k, x]) => k !== field && k !== 'source' && (typeof x !== 'object' || x === null),
    );
    return short(`${id}: ${scalars.map(([k, x]) => `${k} ${shown(x)}`).join(', ')}`);
  }
  return short(JSON.stringify(v));
}

function short(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

/** The place in words: section name, then keys, items named by their identity. */
function where(root: Json, path: readonly Key[]): string {
  const parts: string[] = [SECTION_NAMES[path[0] as string] ?? String(path[0])];
  for (let k = 1; k < path.length; k++) {
    const key = path[k]!;
    if (typeof key === 'number') {
      const id = itemIdentity(at(root, path.slice(0, k + 1)));
      parts.push(id ? id.split('=')[1]! : `item ${key + 1}`);
    } else parts.push(key);
  }
  return parts.join(' › ');
}

/** Items of a list keyed by their identities, or null when some item has none or two share one. */
function keyed(list: readonly Json[]): Map<string, number> | null {
  const m = new Map<string, number>();
  for (let k = 0; k < list.length; k++) {
    const id = itemIdentity(list[k]);
    if (id === null || m.has(id)) return null;
    m.set(id, k);
  }
  return m;
}

function compare(b: Json, a: Json, path: Key[], out: RulepackChange[], aPath: Key[] = path): void {
  const x = at(b, path);
  const y = at(a, aPath);
  const change = (kind: RulepackChange['kind']): void => {
    out.push({
      kind,
      path: pathText(kind === 'removed' ? b : a, kind === 'removed' ? path : aPath),
      where: where(kind === 'removed' ? b : a, kind === 'removed' ? path : aPath),
      before: kind === 'added' ? '' : shown(x),
      after: kind === 'removed' ? '' : shown(y),
    });
  };
  if (x === undefined) return change('added');
  if (y === undefined) return change('removed');
  if (isObject(x) && isObject(y)) {
    for (const k of union(Object.keys(x), Object.keys(y))) compare(b, a, [...path, k], out, [...aPath, k]);
    return;
  }
  if (Array.isArray(x) && Array.isArray(y)) {
    const kx = keyed(x);
    const ky = keyed(y);
    if (kx && ky && x.length + y.length > 0) {
      for (const [id, i] of kx) {
        const j = ky.get(id);
        if (j === undefined) compare(b, a, [...path, i], out, [...aPath, y.length + i]);
        else compare(b, a, [...path, i], out, [...aPath, j]);
      }
      for (const [id, j] of ky) if (!kx.has(id)) compare(b, a, [...path, x.length + j], out, [...aPath, j]);
      const order = (m: Map<string, number>, other: Map<string, number>) => [...m.keys()].filter((id) => other.has(id));
      if (order(kx, ky).join('\n') !== order(ky, kx).join('\n'))
        out.push({
          kind: 'changed',
          path: pathText(a, aPath),
          where: `${where(a, aPath)} (order)`,
          before: 'order of the pack in force',
          after: 'items in a new order',
        });
      return;
    }
    if (JSON.stringify(x) !== JSON.stringify(y)) change('changed');
    return;
  }
  if (JSON.stringify(x) !== JSON.stringify(y)) change('changed');
}
