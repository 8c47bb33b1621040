/**
 * The CAPE error catalogue (SPEC §10, §11): what an entry-level error text in a CAPE results file means and
 * what the filer can do about it. The catalogue itself is data, the rule pack's `errorCatalogue` (read it as
 * `CompiledRules.errorCatalogue`); this module holds its vocabulary (fix classes) and the matching. CBP
 * publishes no complete list (its QRG "CAPE Declarations and Error Definitions" was not retrievable), so
 * texts are matched tolerantly: case, spacing and punctuation are ignored, and an entry matches when any of
 * its patterns occurs in the text. Entries are tried in order, so a specific message comes before a shorter
 * one it contains.
 */
import type { RuleSource } from './rulepack-schema';

/** What the filer can do about a rejected entry. */
export const FIX_CLASSES = [
  'refile',
  'psc-then-refile',
  'not-refundable',
  'authorization',
  'later-phase',
  'contact-cbp',
] as const;
export type FixClass = (typeof FIX_CLASSES)[number];

export const FIX_CLASS_LABELS: Record<FixClass, string> = {
  refile: 'Refile as is',
  'psc-then-refile': 'Correct with a post-summary correction, then refile',
  'not-refundable': 'Not refundable through CAPE (protest or court)',
  authorization: 'Authorization or account',
  'later-phase': 'Wait for a later CAPE phase',
  'contact-cbp': 'Contact CBP',
};

export type { Confidence } from './rulepack-schema';

/** Where an error's meaning comes from: the rule pack's source of a value. */
export type CapeErrorSource = RuleSource;

export interface CapeErrorRule {
  /** Stable id, e.g. `INVALID_HTS`. */
  id: string;
  /** Message texts as CBP writes them; matched after normalising both sides (see normaliseErrorText). */
  patterns: string[];
  /** What the error means, in plain words. */
  meaning: string;
  fix: FixClass;
  /** What to do, concretely. */
  action: string;
  source: CapeErrorSource;
}

/** Upper case, every run of characters other than letters and digits as one space, trimmed. */
export function normaliseErrorText(text: string): string {
  return text
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

/** Patterns normalised once per catalogue, in catalogue order. */
const compiledCache = new WeakMap<readonly CapeErrorRule[], { rule: CapeErrorRule; patterns: string[] }[]>();

function compiled(catalogue: readonly CapeErrorRule[]): { rule: CapeErrorRule; patterns: string[] }[] {
  let c = compiledCache.get(catalogue);
  if (!c) {
    c = catalogue.map((rule) => ({ rule, patterns: rule.patterns.map(normaliseErrorText).filter((p) => p !== '') }));
    compiledCache.set(catalogue, c);
  }
  return c;
}

/**
 * The catalogue entry an error text matches, or null when none does (the UI then says the error is not in
 * the catalogue). Matching is on whole words: ` PATTERN ` within ` TEXT `.
 */
export function matchCapeError(text: string, catalogue: readonly CapeErrorRule[]): CapeErrorRule | null {
  const t = ` ${normaliseErrorText(text)} `;
  if (t.trim() === '') return null;
  for (const { rule, patterns } of compiled(catalogue)) {
    for (const p of patterns) if (t.includes(` ${p} `)) return rule;
  }
  return null;
}
