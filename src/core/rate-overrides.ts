/**
 * The overpayment rates in force: the rule pack's table with the user's own edits on top. Only the
 * edits are kept (per quarter and taxpayer type), so a newer pack reaches every rate the user left
 * alone. Quarters the user adds after the pack's table are the user's; quarters after both are
 * assumed equal to the last one (RateTable).
 */
import { nextQuarter } from './dates';
import type { OverpaymentRate, RateStatus } from './rulebook';

/** A user's edit of one quarter: the rates given replace the pack's (a missing one keeps the pack's). */
export interface RateOverride {
  quarter: string;
  corporate?: string;
  nonCorporate?: string;
}

type RateCell = 'corporate' | 'nonCorporate';
const CELLS: readonly RateCell[] = ['corporate', 'nonCorporate'];

/** One quarter of the table in force, with where each rate comes from. */
export interface RateRow {
  quarter: string;
  corporate: string;
  nonCorporate: string;
  /** The pack's status of the quarter; `edited` once the user changed either rate of it. */
  status: RateStatus | 'edited';
  /** The pack's citation; empty for a quarter only the user gave. */
  source: string;
  edited: Record<RateCell, boolean>;
  /** The rates without the user's edits: the pack's, or (after the pack's table) its last quarter's. */
  base: Record<RateCell, string>;
  /** The quarter is in the pack's table. */
  inPack: boolean;
}

const sameRate = (a: string, b: string): boolean => Number(a) === Number(b);

/** The table in force: every pack quarter, then the quarters the user added, each edit applied. */
export function effectiveRates(pack: readonly OverpaymentRate[], overrides: readonly RateOverride[]): RateRow[] {
  const edits = new Map(overrides.map((o) => [o.quarter, o]));
  const rows: RateRow[] = pack.map((r) => ({
    quarter: r.quarter,
    corporate: r.corporate,
    nonCorporate: r.nonCorporate,
    status: r.status,
    source: r.source,
    edited: { corporate: false, nonCorporate: false },
    base: { corporate: r.corporate, nonCorporate: r.nonCorporate },
    inPack: true,
  }));
  // Quarters added after the pack's table run on without gaps up to the last one the user gave.
  const lastEdited = [...edits.keys()].sort().pop();
  const last = rows[rows.length - 1]!;
  for (let q = nextQuarter(last.quarter); lastEdited !== undefined && q <= lastEdited; q = nextQuarter(q)) {
    const prev = rows[rows.length - 1]!;
    rows.push({
      quarter: q,
      corporate: prev.corporate,
      nonCorporate: prev.nonCorporate,
      status: 'assumed',
      source: '',
      edited: { corporate: false, nonCorporate: false },
      base: { corporate: prev.corporate, nonCorporate: prev.nonCorporate },
      inPack: false,
    });
  }
  for (const row of rows) {
    const edit = edits.get(row.quarter);
    if (!edit) continue;
    for (const cell of CELLS) {
      const value = edit[cell];
      if (value === undefined) continue;
      row[cell] = value;
      row.edited[cell] = true;
    }
    if (row.edited.corporate || row.edited.nonCorporate) row.status = 'edited';
  }
  return rows;
}

/**
 * The edits a table of rates amounts to, against the rows in force: a quarter of the pack keeps only
 * the rates that differ from the pack's; a quarter after the pack's table is kept whole (the user gave it).
 */
export function rateOverridesFrom(
  table: readonly Pick<OverpaymentRate, 'quarter' | 'corporate' | 'nonCorporate'>[],
  rows: readonly RateRow[],
): RateOverride[] {
  const byQuarter = new Map(rows.map((r) => [r.quarter, r]));
  const out: RateOverride[] = [];
  for (const t of table) {
    const row = byQuarter.get(t.quarter);
    const override: RateOverride = { quarter: t.quarter };
    for (const cell of CELLS) if (!row || !row.inPack || !sameRate(t[cell], row.base[cell])) override[cell] = t[cell];
    if (override.corporate !== undefined || override.nonCorporate !== undefined) out.push(override);
  }
  return out;
}

/**
 * The rate table every version before the rule pack stored whole with the assumptions: 6% corporate
 * and 7% non-corporate for 2025 Q1 through 2026 Q4 (rulebook 2026.11.26-1).
 */
const LEGACY_BUILT_IN_RATES: OverpaymentRate[] = [
  '2025Q1',
  '2025Q2',
  '2025Q3',
  '2025Q4',
  '2026Q1',
  '2026Q2',
  '2026Q3',
  '2026Q4',
].map((quarter) => ({
  quarter,
  corporate: '6',
  nonCorporate: '7',
  status: 'published',
  source: 'rulebook 2026.11.26-1',
}));

/**
 * Stored settings of earlier versions kept the whole table: a rate equal to that version's built-in
 * one was never edited, so it follows the pack from now on; any other rate is the user's edit.
 */
export function overridesFromLegacyTable(
  stored: readonly Pick<OverpaymentRate, 'quarter' | 'corporate' | 'nonCorporate'>[],
): RateOverride[] {
  return rateOverridesFrom(stored, effectiveRates(LEGACY_BUILT_IN_RATES, []));
}
