import { describe, expect, it } from 'vitest';
import { sourceNoteForPeople } from './source-notes';
import { builtInRulepack } from './builtin-rulepack';

describe('sourceNoteForPeople: a rule source without the team’s document references', () => {
  it.each([
    ['EO 14194; §8.1 [public code citing CBP]', 'EO 14194 [public code citing CBP]'],
    ['§8.1 [secondary source]', '[secondary source]'],
    [
      '19 U.S.C. 1505(c), 26 U.S.C. 6622; CBP has not published its exact method (SPEC §4; cape-rules §6.3) [decided by the product specification]',
      '19 U.S.C. 1505(c), 26 U.S.C. 6622; CBP has not published its exact method [our assumption]',
    ],
    [
      'clean Phase 1 claims were paid in about 3–4 months (cape-rules §11, secondary); an assumption',
      'clean Phase 1 claims were paid in about 3–4 months (secondary); an assumption',
    ],
    ['a likely offset (19 CFR 24.72; cape-rules §11): CBP refunds', 'a likely offset (19 CFR 24.72): CBP refunds'],
    [
      'never on a federal holiday (SPEC §4; the reference found no CBP source, §7 L-10) [decided by the product specification]',
      'never on a federal holiday (the reference found no CBP source) [our assumption]',
    ],
  ])('%s', (note, shown) => expect(sourceNoteForPeople(note)).toBe(shown));

  it('leaves no § in any note of the built-in pack', () => {
    const notes: string[] = [];
    JSON.stringify(builtInRulepack().pack, (k, v: unknown) => {
      if (k === 'note' && typeof v === 'string') notes.push(sourceNoteForPeople(v));
      return v;
    });
    expect(notes.length).toBeGreaterThan(50);
    expect(notes.filter((n) => n.includes('§'))).toEqual([]);
  });
});
