import { describe, expect, it } from 'vitest';
import { AnalysisContext, analyseEntry } from './analysis';
import { compileRules } from './compiled-rules';
import { addDays, formatDay } from './dates';
import { EMPTY_PROFILE, indexProfile } from './profile';
import { missingFieldImpacts, reasonText, ruleTexts } from './reason-texts';
import { REASONS, WARNINGS } from './reasons';
import { builtInRulepack } from './builtin-rulepack';
import { type Rulepack, canonicalRulepackBytes, loadRulepack } from './rulebook';
import { assumptions, day, facts, rules } from '../../tests/factories/entries';

const ALL = [...REASONS, ...WARNINGS];

const BUILT_IN = builtInRulepack().pack;

/** The built-in pack with some limits, dates, type lists and phrases changed. */
function changed(
  limits: Partial<Record<keyof Rulepack['limits'], number>>,
  more: {
    ruleChanges?: Partial<Record<keyof Rulepack['ruleChanges'], string>>;
    entryTypes?: Partial<Record<keyof Rulepack['entryTypes'], string[]>>;
    phases?: Partial<Record<keyof Rulepack['phases'], string>>;
    afterFiling?: Partial<Record<keyof Rulepack['afterFiling'], number>>;
  } = {},
): Rulepack {
  const withValues = <T extends Record<string, { value: unknown }>>(
    group: T,
    values: Partial<Record<keyof T, unknown>>,
  ): T => {
    const out = { ...group };
    for (const [k, value] of Object.entries(values))
      out[k as keyof T] = { ...group[k as keyof T], value } as T[keyof T];
    return out;
  };
  return {
    ...BUILT_IN,
    limits: withValues(BUILT_IN.limits, limits),
    ruleChanges: withValues(BUILT_IN.ruleChanges, more.ruleChanges ?? {}),
    entryTypes: withValues(BUILT_IN.entryTypes, more.entryTypes ?? {}),
    phases: withValues(BUILT_IN.phases, more.phases ?? {}),
    afterFiling: withValues(BUILT_IN.afterFiling, more.afterFiling ?? {}),
  };
}

/** Every value the texts state, changed: no text may still say a built-in one. */
const other = compileRules(
  changed(
    {
      reliquidationWindowDays: 83,
      nearLimitFromDays: 71,
      protestDays: 187,
      assumedLiquidationDays: 301,
      paymentWithinDays: 33,
      maxEntriesPerDeclaration: 5000,
      rateMismatchToleranceCents: 250,
      rateMismatchTolerancePerMille: 7,
    },
    {
      ruleChanges: { reconAcceptedFrom: '2026-08-03', warehouseExcludedFrom: '2026-09-01' },
      entryTypes: {
        excluded: ['08', '12'],
        warehouse: ['23'],
        reconEligible: ['01', '11'],
        adcvd: ['03'],
        warehouseWithdrawal: ['33'],
      },
      afterFiling: { paymentOverdueDays: 120, varianceToleranceCents: 500 },
      phases: { reconWith09: 'Phase 9 of CAPE', finalLiquidation: 'the claims court only' },
    },
  ),
);

const F = day('2026-05-04');
const liquidatedDaysBefore = (n: number) => facts({ liquidationStatus: 'liquidated', liquidationDate: addDays(F, -n) });
const analyseAtF = (f: ReturnType<typeof facts>, r: typeof rules) =>
  analyseEntry(f, new AnalysisContext(r, assumptions({ filingDate: F }), indexProfile(EMPTY_PROFILE)));

const textsOf = (r = rules) =>
  [false, true]
    .flatMap((recon09Filed) =>
      ALL.map((code) =>
        Object.values(reasonText(code, r, { liquidationDate: day('2026-01-05'), recon09Filed })).join(' '),
      ),
    )
    .join('\n');

describe('explanation texts built from the rulebook', () => {
  it('explain every reason and warning in full under the built-in rulebook', () => {
    for (const code of ALL) {
      const t = reasonText(code, rules);
      for (const part of [t.title, t.meaning, t.rule, t.action]) expect(part.length, code).toBeGreaterThan(10);
    }
    expect(reasonText('PAST_80_DAYS', rules).meaning).toBe(
      'The entry liquidated more than 80 but not more than 180 days before the filing date.',
    );
    expect(reasonText('NEAR_80_DAY_LIMIT', rules).meaning).toBe(
      'The entry liquidated 75 to 80 days before the filing date; a day or two of delay loses the CAPE route.',
    );
    expect(reasonText('ENTRY_TYPE_EXCLUDED', rules).meaning).toBe(
      'Types 08 (duty deferral), 09 (reconciliation) and 47 (drawback) are excluded; warehouse types 21 and 22 are excluded from 2026-07-07.',
    );
    expect(reasonText('RECONCILIATION', rules).meaning).toBe(
      'Recon-flagged entries are accepted only from 2026-06-29, only for types 01, 02 and 06, and only while no type 09 reconciliation has been filed.',
    );
    expect(reasonText('RATE_MISMATCH', rules).meaning).toContain('by more than max($1.00, 0.5%).');
    expect(reasonText('ASSUMED_UNLIQUIDATED', rules).meaning).toContain('usual 314-day liquidation cycle');
    expect(reasonText('NO_IEEPA_LINE', rules).meaning).toBe(
      'The entry has no 9903.01.xx or 9903.02.xx Chapter 99 line.',
    );
  });

  it('follow a changed rulebook: no built-in number, date or type list is left in any text', () => {
    const before = textsOf();
    const after = textsOf(other);
    for (const stale of [
      /\b80\b/,
      /\b180\b/,
      /\b75\b/,
      /\b314\b/,
      /2026-06-29/,
      /2026-07-07/,
      /\$1\.00/,
      /0\.5%/,
      /waits for a later CAPE phase/,
      /Phase 3 limited to litigants/,
    ]) {
      expect(before).toMatch(stale);
      expect(after).not.toMatch(stale);
    }
    for (const stale of ['(drawback)', '21 and 22', '01, 02 and 06', '03, 07', '31, 32, 34 and 38'])
      expect(after).not.toContain(stale);
    expect(reasonText('PAST_80_DAYS', other).meaning).toBe(
      'The entry liquidated more than 83 but not more than 187 days before the filing date.',
    );
    expect(reasonText('ENTRY_TYPE_EXCLUDED', other).meaning).toBe(
      'Types 08 (duty deferral) and 12 are excluded; warehouse types 23 are excluded from 2026-09-01.',
    );
    expect(reasonText('RATE_MISMATCH', other).meaning).toContain('by more than max($2.50, 0.7%).');
    expect(reasonText('NEAR_80_DAY_LIMIT', other).title).toBe('Close to the 83-day limit');
  });

  it('a type 09 on file means a later CAPE phase; final liquidation means the court route only — words from the pack', () => {
    const recon09 = facts({ reconFlag: true, recon09Filed: true });
    expect(analyseAtF(recon09, rules).reasons).toEqual(['RECONCILIATION']);
    expect(reasonText('RECONCILIATION', rules, recon09)).toEqual({
      title: 'Flagged for reconciliation, type 09 on file',
      meaning:
        'A type 09 reconciliation is on file for this entry: CBP treats its CAPE declarations as filed, so it waits for a later CAPE phase.',
      rule: 'CSMS #69035485 (Phase 2, 2026-06-29): recon-flagged types 01, 02 and 06 are accepted only while no type 09 has been filed.',
      action: 'Leave it out of declarations; it waits for a later CAPE phase.',
    });
    expect(reasonText('FINAL_LIQUIDATION', rules).action).toBe(
      'Not fileable in CAPE: court route only (Phase 3 limited to litigants). Seek legal advice on preserving rights at the Court of International Trade.',
    );
  });

  it('an explanation follows a value changed in a pack file: the pack loaded from its bytes, then compiled', () => {
    const document = JSON.parse(new TextDecoder().decode(builtInRulepack().bytes)) as Rulepack;
    document.version = '2026.12.01-1';
    document.phases.finalLiquidation.value = 'court route only (Phase 3 open to all importers from 2027-01-04)';
    document.limits.protestDays.value = 210;
    const loaded = loadRulepack(canonicalRulepackBytes(document));
    if (loaded.kind !== 'valid') throw new Error(JSON.stringify(loaded.problems));
    const updated = compileRules(loaded.loaded.pack);
    expect(reasonText('FINAL_LIQUIDATION', updated)).toMatchObject({
      meaning: 'The liquidation is final, or more than 210 days have passed since it.',
      action:
        'Not fileable in CAPE: court route only (Phase 3 open to all importers from 2027-01-04). Seek legal advice on preserving rights at the Court of International Trade.',
    });
    expect(reasonText('FINAL_LIQUIDATION', rules).meaning).toBe(
      'The liquidation is final, or more than 180 days have passed since it.',
    );
  });

  it('the protest deadline in an entry’s explanation follows the protest period (180 → 200 days)', () => {
    const liquidated = liquidatedDaysBefore(190);
    const analyse = (r: typeof rules) => analyseAtF(liquidated, r);

    // 190 days after liquidation: final under 180 days, the protest route under 200.
    expect(analyse(rules).reasons).toContain('FINAL_LIQUIDATION');
    const longer = compileRules(changed({ protestDays: 200 }));
    const result = analyse(longer);
    expect(result.reasons).toEqual(['PAST_80_DAYS']);
    expect(formatDay(result.protestDeadline!)).toBe(formatDay(addDays(liquidated.liquidationDate!, 200)));
    expect(reasonText('PAST_80_DAYS', longer, liquidated).action).toBe(
      `File a protest by ${formatDay(result.protestDeadline!)} (liquidation date + 200 days).`,
    );
    expect(reasonText('PAST_80_DAYS', rules, liquidated).action).toBe(
      `File a protest by ${formatDay(addDays(liquidated.liquidationDate!, 180))} (liquidation date + 180 days).`,
    );
    expect(reasonText('PAST_80_DAYS', longer).action).toBe('File a protest before the deadline shown.');
  });

  it('the near-limit warning follows the near-limit day and names the entry’s last CAPE day', () => {
    const liquidated = liquidatedDaysBefore(73);
    const analyse = (r: typeof rules) => analyseAtF(liquidated, r);
    const earlier = compileRules(changed({ nearLimitFromDays: 70 }));
    expect(analyse(rules).reasons).not.toContain('NEAR_80_DAY_LIMIT');
    expect(analyse(earlier).reasons).toContain('NEAR_80_DAY_LIMIT');
    expect(reasonText('NEAR_80_DAY_LIMIT', earlier).meaning).toMatch(/^The entry liquidated 70 to 80 days before/);
    expect(reasonText('NEAR_80_DAY_LIMIT', earlier, liquidated).action).toBe(
      `File this entry first, today if possible: the last filing date CAPE accepts it is ${formatDay(addDays(F, 7))} (liquidation date + 80 days).`,
    );
  });

  it('rule phrases for the screens and the mapping report follow the rulebook too', () => {
    expect(ruleTexts(rules)).toEqual({
      nearLimitWindow: '75–80 days',
      capeWindow: '80 days',
      protestWindow: '81–180 days',
      paymentWithin: '30 days',
      maxEntriesPerDeclaration: '9,999',
      paymentOverdue: '90 days',
      varianceTolerance: '$1.00',
    });
    expect(ruleTexts(other)).toEqual({
      nearLimitWindow: '71–83 days',
      capeWindow: '83 days',
      protestWindow: '84–187 days',
      paymentWithin: '33 days',
      maxEntriesPerDeclaration: '5,000',
      paymentOverdue: '120 days',
      varianceTolerance: '$5.00',
    });
    const impact = (r: typeof rules) => new Map(missingFieldImpacts(r).map((m) => [m.field, m.impact]));
    expect(impact(rules).get('liquidation_status')).toContain('older than 314 days');
    expect(impact(other).get('liquidation_status')).toContain('older than 301 days');
    expect(impact(other).get('liquidation_date')).toContain('the 83-day window');
    expect(impact(other).get('adcvd_flag')).toContain('by entry type 03 only');
    expect(
      missingFieldImpacts(rules)
        .map((m) => m.field)
        .slice(0, 2),
    ).toEqual(['liquidation_status', 'liquidation_date']);
  });
});
