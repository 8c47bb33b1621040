/** Worker snapshots for UI tests: an empty dataset with the declared totals and settings a test names. */
import { builtInRulepack } from '../../src/core/builtin-rulepack';
import { compileRules } from '../../src/core/compiled-rules';
import { EMPTY_PROFILE } from '../../src/core/profile';
import { ruleTexts } from '../../src/core/reason-texts';
import type { AssumptionsInput, LedgerView, RulepackInForce, Snapshot } from '../../workers/contract';
import { defaultAssumptions } from '../../workers/dataset/settings';

export interface SnapshotSpec {
  version: number;
  /** Declared totals, cents. */
  refund?: number;
  interest?: number;
  count?: number;
  assumptions?: Partial<AssumptionsInput>;
  role?: 'importer' | 'broker';
  ledger?: LedgerView[];
  rulepack?: RulepackInForce;
}

/** The built-in pack as a snapshot states it. */
export function builtInInForce(): RulepackInForce {
  const { pack, sha256 } = builtInRulepack();
  const builtIn = { version: pack.version, asOf: pack.asOf };
  return { ...builtIn, sha256, origin: 'built-in', fileName: null, appliedAt: null, builtIn };
}

export function snapshot(spec: SnapshotSpec): Snapshot {
  const assumptions = { ...defaultAssumptions('2026-05-04'), ...spec.assumptions };
  const refund = spec.refund ?? 0;
  const interest = spec.interest ?? 0;
  return {
    version: spec.version,
    files: [],
    overview: {
      entries: spec.count ?? 0,
      segments: [],
      declared: { count: spec.count ?? 0, principal: refund - interest, interest, refund },
      includeDeferred: assumptions.includeDeferred,
      byIor: [],
      byMonth: [],
      byProgram: [],
      payments: [],
      reasons: [],
      authorizationChecked: false,
      filingDate: assumptions.filingDate,
      ruleTexts: ruleTexts(compileRules(builtInRulepack().pack)),
      otherChapter99: [],
      assumedRates: null,
    },
    dataset: { rows: 0, entries: 0, duplicateRows: 0, conflictingRows: 0, unknownStatusEntries: 0, problemTotal: 0 },
    declarations: [],
    ledger: spec.ledger ?? [],
    profile: { ...EMPTY_PROFILE, role: spec.role ?? EMPTY_PROFILE.role },
    assumptions,
    rulepack: spec.rulepack ?? builtInInForce(),
    rates: [],
    notices: [],
    timing: { buildMs: 0, analysisMs: 0 },
  };
}
