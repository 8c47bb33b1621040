import { describe, expect, it } from 'vitest';
import { builtInRulepack } from './builtin-rulepack';
import { type CapeErrorRule, FIX_CLASSES, matchCapeError as matchIn, normaliseErrorText } from './cape-errors';
import { compileRules } from './compiled-rules';

/** The catalogue as the app reads it: the built-in pack's, through the compiled rules. */
const CAPE_ERRORS: readonly CapeErrorRule[] = compileRules(builtInRulepack().pack).errorCatalogue;
const matchCapeError = (text: string) => matchIn(text, CAPE_ERRORS);

describe('CAPE error catalogue (the built-in pack)', () => {
  it.each([
    ['INVALID HTS', 'INVALID_HTS', 'psc-then-refile'],
    ['HTS RELATIONSHIP MISMATCH', 'HTS_RELATIONSHIP_MISMATCH', 'psc-then-refile'],
    ['HTS RELATIONSHIP/SEQUENCE MISMATCH', 'HTS_RELATIONSHIP_SEQUENCE_MISMATCH', 'refile'],
    ['GOODS VALUE AMOUNT MUST BE REPORTED ON THE CH 1-97', 'GOODS_VALUE_ON_CH_1_97', 'refile'],
    ['GOODS VALUE AMOUNT NOT ALLOWED ON IEEPA HTS LINE', 'GOODS_VALUE_ON_IEEPA_LINE', 'psc-then-refile'],
    ['ENTRY TYPE NOT ALLOWED', 'ENTRY_TYPE_NOT_ALLOWED', 'later-phase'],
    ['864 – PSC NOT ALLOWED – REFUND REQUESTED', 'PSC_NOT_ALLOWED_REFUND_REQUESTED', 'contact-cbp'],
    ['F883 PSC NOT ALLOWED TO MODIFY IEEPA HTS', 'PSC_NOT_ALLOWED_IEEPA_HTS', 'contact-cbp'],
    ['IOR MISMATCH', 'ACCOUNT_MISMATCH', 'authorization'],
    ['Entry duplicated from a prior declaration', 'DUPLICATE_PRIOR_DECLARATION', 'contact-cbp'],
    ['ENTRY SUMMARY IS IN FINAL LIQUIDATION STATUS', 'FINAL_LIQUIDATION', 'not-refundable'],
    ['NO IEEPA HTS ON ENTRY', 'NO_IEEPA_HTS', 'not-refundable'],
    ['UNABLE TO CALCULATE DUTY', 'UNABLE_TO_CALCULATE_DUTY', 'contact-cbp'],
    ['ENTRY ON DRAWBACK', 'ENTRY_ON_DRAWBACK', 'not-refundable'],
    ['ENTRY SUMMARY FLAGGED FOR RECON', 'FLAGGED_FOR_RECON', 'later-phase'],
    ['ENTRY SUMMARY IS CANCELLED/REJECTED', 'SUMMARY_CANCELLED_REJECTED', 'contact-cbp'],
    ['Uncategorized exception occurred during JMS processing', 'SYSTEM_EXCEPTION', 'refile'],
  ])('%s → %s (%s)', (text, id, fix) => {
    const rule = matchCapeError(text);
    expect(rule?.id).toBe(id);
    expect(rule?.fix).toBe(fix);
  });

  it('ignores case, spacing and punctuation', () => {
    expect(matchCapeError('  invalid   hts ')?.id).toBe('INVALID_HTS');
    expect(matchCapeError('Error: Invalid-HTS (line 3)')?.id).toBe('INVALID_HTS');
    expect(matchCapeError('864 - psc not allowed - refund requested')?.id).toBe('PSC_NOT_ALLOWED_REFUND_REQUESTED');
  });

  it('matches whole words only', () => {
    // "INVALID HTSUS" is not "INVALID HTS".
    expect(matchCapeError('INVALID HTSUS NUMBER')).toBeNull();
  });

  it('answers null for unknown or blank texts', () => {
    expect(matchCapeError('SOMETHING ELSE WENT WRONG')).toBeNull();
    expect(matchCapeError('')).toBeNull();
    expect(matchCapeError(' - ')).toBeNull();
  });

  it('has unique ids, a known fix class, patterns that normalise to something, and a source for every entry', () => {
    expect(new Set(CAPE_ERRORS.map((e) => e.id)).size).toBe(CAPE_ERRORS.length);
    for (const e of CAPE_ERRORS) {
      expect(FIX_CLASSES).toContain(e.fix);
      expect(e.patterns.length).toBeGreaterThan(0);
      for (const p of e.patterns) expect(normaliseErrorText(p)).not.toBe('');
      expect(e.source.note).not.toBe('');
    }
  });

  it('is data: another catalogue, another answer', () => {
    const own: CapeErrorRule[] = [
      {
        id: 'INVALID_HTS',
        patterns: ['INVALID HTS'],
        meaning: 'Changed meaning.',
        fix: 'refile',
        action: 'Refile.',
        source: { note: 'a later pack', confidence: 'assumed' },
      },
    ];
    expect(matchIn('INVALID HTS', own)?.meaning).toBe('Changed meaning.');
    expect(matchIn('UNABLE TO CALCULATE DUTY', own)).toBeNull();
  });

  it('is searched in order: the retired combined message is not taken for its successor', () => {
    const combined = CAPE_ERRORS.findIndex((e) => e.id === 'HTS_RELATIONSHIP_SEQUENCE_MISMATCH');
    const successor = CAPE_ERRORS.findIndex((e) => e.id === 'HTS_RELATIONSHIP_MISMATCH');
    expect(combined).toBeLessThan(successor);
  });
});
