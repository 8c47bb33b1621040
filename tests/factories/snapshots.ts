/** Worker snapshots for UI tests: an empty dataset with the declared totals and settings a test names. */
import { builtInRulepack } from '../../src/core/builtin-rulepack';
import { compileRules } from '../../src/core/compiled-rules';
import { EMPTY_PROFILE } from '../../src/core/profile';
import { ruleTexts } from '../../src/core/reason-texts';
import type { AssumptionsInput, LedgerView, RulepackInForce, Snapshot, WorkspacesView } from '../../workers/contract';
import { emptyLifecycle } from '../../workers/dataset/lifecycle-overview';
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
  workspaces?: WorkspacesView;
  rulepack?: RulepackInForce;
}

/** A filing ledger record as the snapshot shows it: one declaration of ten entries, submitted. */
export function ledgerRecord(overrides: Partial<LedgerView> = {}): LedgerView {
  return {
    id: 1,
    name: 'CAPE_1.csv',
    entries: 10,
    submittedAt: '',
    submittedOn: '2026-05-04',
    claimNumber: '',
    rejected: false,
    rejectedEntries: [],
    rulepack: null,
    ...overrides,
  };
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
      nearLimit: { count: 0, principal: 0 },
      lifecycle: emptyLifecycle(assumptions.filingDate),
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
      deadlines: [],
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
    workspaces: spec.workspaces ?? { open: 1, list: [{ id: 1, name: 'My data', sample: false }] },
  };
}
