/**
 * Rule updates offline (SPEC §11): the pack in force, a pack file to preview (validated in full, its
 * changes and their effect on the totals computed with it but nothing committed), applying it
 * (stored through the write path, so it survives reloads and reaches other tabs), and reverting to the
 * built-in pack. A pack older than the built-in one applies only when the user confirms it.
 */
import { builtInRulepack } from '../../src/core/builtin-rulepack';
import { compileRules } from '../../src/core/compiled-rules';
import { diffRulepacks } from '../../src/core/rulepack-diff';
import {
  type LoadedRulepack,
  MAX_RULEPACK_BYTES,
  compareRulepacks,
  loadRulepack,
  problemText,
  rulepackFileName,
} from '../../src/core/rulebook';
import { SEGMENTS } from '../../src/core/reasons';
import type {
  RulepackApplyResult,
  RulepackDocument,
  RulepackEffect,
  RulepackPreviewResult,
  WriteResult,
} from '../contract';
import type { CapeDb } from '../store/db';
import { type DatasetState, type PackInForce, builtInPack } from './dataset-state';
import { buildEntryTable } from './entry-table';
import type { WritePath } from './write-path';

/** The settings record of a pack the user applied. */
interface StoredRulepack {
  /** The exact bytes loaded: the pack's SHA-256 is theirs. */
  bytes: Uint8Array;
  fileName: string;
  appliedAt: string;
  /** The user confirmed it although it was older than the built-in pack of the time. */
  confirmedOlder: boolean;
}

const RULEPACK_KEY = 'rulepack';

export class Rulepacks {
  /** The pack last previewed: only it can be applied. */
  private candidate: { loaded: LoadedRulepack; fileName: string } | null = null;
  /** The stored pack was set aside at load (invalid now, or older than a newer built-in pack). */
  private setAside = false;

  constructor(
    private readonly data: DatasetState,
    private readonly db: CapeDb,
    private readonly writes: WritePath,
  ) {}

  /**
   * Put the stored pack in force (the built-in one when none is stored). A stored pack that this
   * version of the app no longer accepts, or that is older than its built-in pack without the user
   * having confirmed that, gives way to the built-in pack, with a notice.
   */
  async load(): Promise<void> {
    const record = await this.db.settings.get(RULEPACK_KEY);
    this.setAside = false;
    if (!record) return this.data.useRulepack(builtInPack());
    const stored = record.value as StoredRulepack;
    const loaded = loadRulepack(new Uint8Array(stored.bytes));
    const builtIn = builtInRulepack().pack;
    let why: string | null = null;
    if (loaded.kind === 'invalid') why = `no longer passes this version's checks (${problemText(loaded.problems[0]!)})`;
    else if (compareRulepacks(loaded.loaded.pack, builtIn) < 0 && !stored.confirmedOlder)
      why = `(version ${loaded.loaded.pack.version}, as of ${loaded.loaded.pack.asOf}) is older than this version's built-in pack`;
    if (loaded.kind === 'valid' && why === null)
      return this.data.useRulepack({
        loaded: loaded.loaded,
        origin: 'loaded',
        fileName: stored.fileName,
        appliedAt: stored.appliedAt,
      });
    this.setAside = true;
    this.data.useRulepack(builtInPack());
    const notice = `The rule pack you loaded from ${stored.fileName} ${why}: the built-in pack ${builtIn.version} (as of ${builtIn.asOf}) is in force.`;
    if (!this.data.notices.includes(notice)) this.data.notices.push(notice);
  }

  /** Forget a stored pack that load() set aside, so it is not looked at again; null when there is none. */
  forgetSetAside(): Promise<WriteResult> | null {
    if (!this.setAside) return null;
    this.setAside = false;
    return this.writes.write(
      () => this.db.settings.delete(RULEPACK_KEY),
      () => true,
    );
  }

  /**
   * Validate a pack file and tell what applying it would change: its values against the pack in force,
   * and the totals computed with it. Nothing is stored or changed; the pack waits to be applied.
   */
  preview(file: File): Promise<RulepackPreviewResult> {
    return this.writes.serially(async () => {
      const rejected = (message: string, problems: string[]): RulepackPreviewResult => ({
        kind: 'rejected',
        message: `${file.name} is not a valid rule pack: ${message} Nothing was changed.`,
        problems,
      });
      if (file.size > MAX_RULEPACK_BYTES) return rejected('it is larger than any rule pack (5 MB).', []);
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await file.arrayBuffer());
      } catch (e) {
        return rejected(`it could not be read (${e instanceof Error ? e.message : String(e)}).`, []);
      }
      const load = loadRulepack(bytes);
      if (load.kind === 'invalid') {
        const n = load.problems.length;
        return rejected(`${n} ${n === 1 ? 'problem' : 'problems'}.`, load.problems.map(problemText));
      }
      const { pack, sha256 } = load.loaded;
      this.candidate = { loaded: load.loaded, fileName: file.name };
      const inForce = this.data.pack.loaded;
      const builtIn = builtInRulepack().pack;
      const known = new Set(inForce.pack.changes.map((c) => c.version));
      return {
        kind: 'preview',
        preview: {
          fileName: file.name,
          version: pack.version,
          asOf: pack.asOf,
          sha256,
          olderThanBuiltIn: compareRulepacks(pack, builtIn) < 0,
          sameAsInForce: sha256 === inForce.sha256,
          changelog: pack.changes.filter((c) => !known.has(c.version)),
          changes: diffRulepacks(inForce.pack, pack),
          effect: this.effectOf(load.loaded),
        },
      };
    });
  }

  /** The totals to declare now and with the candidate pack, and the entries that would change segment. */
  private effectOf(candidate: LoadedRulepack): RulepackEffect {
    const data = this.data;
    const rules = compileRules(candidate.pack);
    // Headings decide the entry table's IEEPA sums; with the same headings the table is the same.
    const sameHeadings = JSON.stringify(rules.pack.headings) === JSON.stringify(data.rules.pack.headings);
    const table = sameHeadings ? data.table : buildEntryTable(data.files, rules);
    const { results, declared: after } = data.preview(rules, table);
    const before = data.overview!.declared;
    const now = data.results!;
    const moves = new Map<string, number>();
    let refundChanged = 0;
    for (let i = 0; i < table.count; i++) {
      const from = now.segment[i]!;
      const to = results.segment[i]!;
      if (from !== to) {
        const key = `${SEGMENTS[from]}>${SEGMENTS[to]}`;
        moves.set(key, (moves.get(key) ?? 0) + 1);
      }
      if (now.refund[i] !== results.refund[i]) refundChanged++;
    }
    return {
      before: { count: before.count, interest: before.interest, refund: before.refund },
      after: { count: after.count, interest: after.interest, refund: after.refund },
      segmentMoves: [...moves].map(([key, count]) => {
        const [from, to] = key.split('>') as [(typeof SEGMENTS)[number], (typeof SEGMENTS)[number]];
        return { from, to, count };
      }),
      refundChanged,
    };
  }

  /** Put the previewed pack in force. An older pack than the built-in one needs `confirmOlder`. */
  apply(sha256: string, confirmOlder: boolean): Promise<RulepackApplyResult> {
    const c = this.candidate;
    if (!c || c.loaded.sha256 !== sha256)
      return Promise.resolve({
        kind: 'invalid-input',
        message: 'That rule pack is no longer waiting to be applied: load the file again.',
      });
    const { pack } = c.loaded;
    const builtIn = builtInRulepack().pack;
    const older = compareRulepacks(pack, builtIn) < 0;
    if (older && !confirmOlder)
      return Promise.resolve({
        kind: 'invalid-input',
        message: `Rule pack ${pack.version} (as of ${pack.asOf}) is older than the built-in pack ${builtIn.version} (as of ${builtIn.asOf}): it was not applied. Confirm that you want the older rules to apply it.`,
      });
    const stored: StoredRulepack = {
      bytes: c.loaded.bytes,
      fileName: c.fileName,
      appliedAt: new Date().toISOString(),
      confirmedOlder: older,
    };
    const inForce: PackInForce = {
      loaded: c.loaded,
      origin: 'loaded',
      fileName: stored.fileName,
      appliedAt: stored.appliedAt,
    };
    return this.writes.write(
      () => this.db.settings.put({ key: RULEPACK_KEY, value: stored }),
      () => {
        this.candidate = null;
        this.data.useRulepack(inForce);
        this.data.rebuild();
        return true;
      },
    );
  }

  /** Drop the pack waiting to be applied. */
  cancel(): void {
    this.candidate = null;
  }

  /** Put the built-in pack back in force. */
  revert(): Promise<WriteResult> {
    return this.writes.write(
      () => this.db.settings.delete(RULEPACK_KEY),
      () => {
        const changed = this.data.pack.origin !== 'built-in';
        this.data.useRulepack(builtInPack());
        this.data.rebuild();
        return changed;
      },
    );
  }

  /** The pack in force as a download (its exact bytes) and as data for the Rulebook screen. */
  document(): RulepackDocument {
    const { loaded } = this.data.pack;
    return {
      pack: loaded.pack,
      sha256: loaded.sha256,
      fileName: rulepackFileName(loaded.pack),
      file: new Blob([loaded.bytes.slice()], { type: 'application/json' }),
    };
  }
}
