/**
 * The CAPE error catalogue (SPEC §10, §11): what an entry-level error text in a CAPE results file means and
 * what the filer can do about it. CBP publishes no complete list (its QRG "CAPE Declarations and Error
 * Definitions" was not retrievable), so texts are matched tolerantly: case, spacing and punctuation are
 * ignored, and an entry matches when any of its patterns occurs in the text. Entries are tried in order, so a
 * specific message comes before a shorter one it contains.
 */

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

export type Confidence = 'published' | 'secondary' | 'assumed';

export interface CapeErrorSource {
  note: string;
  url?: string;
  confidence: Confidence;
}

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

const BULLETIN_41DB7E3 = 'https://content.govdelivery.com/bulletins/gd/USDHSCBP-41db7e3';

/** The catalogue as of 2026-11-28 (reference: cape-rules §3.3, §3.4, §11). */
export const CAPE_ERRORS: CapeErrorRule[] = [
  {
    id: 'HTS_RELATIONSHIP_SEQUENCE_MISMATCH',
    patterns: ['HTS RELATIONSHIP/SEQUENCE MISMATCH'],
    meaning:
      'A validation CBP retired on 2026-06-25 and split into INVALID HTS and HTS RELATIONSHIP MISMATCH; entries it rejected may be filed again.',
    fix: 'refile',
    action: 'Put the entry on a new declaration as it is; if CAPE rejects it again, follow the fix for the new error.',
    source: { note: 'CBP bulletin of 2026-06-25 (CSMS #69056483)', url: BULLETIN_41DB7E3, confidence: 'published' },
  },
  {
    id: 'HTS_RELATIONSHIP_MISMATCH',
    patterns: ['HTS RELATIONSHIP MISMATCH'],
    meaning: 'An add, replace or derived HTS number on the entry lacks the companion HTS number it requires.',
    fix: 'psc-then-refile',
    action:
      'File a post-summary correction (reason code H99 is accepted) adding the companion HTS, then put the entry on a new declaration.',
    source: { note: 'CBP bulletin of 2026-06-25 (CSMS #69056483)', url: BULLETIN_41DB7E3, confidence: 'published' },
  },
  {
    id: 'INVALID_HTS',
    patterns: ['INVALID HTS'],
    meaning: "A line's date falls outside the begin and end dates of one of its HTS numbers (an end-dated HTS).",
    fix: 'psc-then-refile',
    action:
      'File a post-summary correction replacing the end-dated HTS (reason code H99 is accepted), then put the entry on a new declaration.',
    source: { note: 'CBP bulletin of 2026-06-25 (CSMS #69056483)', url: BULLETIN_41DB7E3, confidence: 'published' },
  },
  {
    id: 'GOODS_VALUE_ON_CH_1_97',
    patterns: ['GOODS VALUE AMOUNT MUST BE REPORTED ON THE CH 1-97'],
    meaning: 'A validation CBP removed on 2026-06-25; entries it rejected may be filed again unchanged.',
    fix: 'refile',
    action: 'Put the entry on a new declaration as it is.',
    source: { note: 'CBP bulletin of 2026-06-25 (CSMS #69056483)', url: BULLETIN_41DB7E3, confidence: 'published' },
  },
  {
    id: 'GOODS_VALUE_ON_IEEPA_LINE',
    patterns: ['GOODS VALUE AMOUNT NOT ALLOWED ON IEEPA HTS LINE'],
    meaning: 'A goods value is reported on the Chapter 99 IEEPA line instead of the commodity line.',
    fix: 'psc-then-refile',
    action:
      'File a post-summary correction moving the value to the commodity line, then put the entry on a new declaration.',
    source: {
      note: 'CBP advice reported by NCBFAA, 2026-05-18',
      url: 'https://ncbfaa.org/news-advocacy/ncbfaa-in-the-news/2026/05/18/cbp-offers-advice-on-cape-issues',
      confidence: 'secondary',
    },
  },
  {
    id: 'ENTRY_TYPE_NOT_ALLOWED',
    patterns: ['ENTRY TYPE NOT ALLOWED'],
    meaning:
      'CAPE does not take this entry type: warehouse entries (types 21 and 22) since 2026-07-07, and types 08, 09 and 47.',
    fix: 'later-phase',
    action:
      'Do not refile. Warehouse duty is refunded through the withdrawals (types 31, 32, 34, 38) when they liquidate; otherwise wait for a later CAPE phase.',
    source: { note: 'CSMS #69127837 (effective 2026-07-07)', confidence: 'secondary' },
  },
  {
    id: 'PSC_NOT_ALLOWED_REFUND_REQUESTED',
    patterns: ['PSC NOT ALLOWED REFUND REQUESTED'],
    meaning: 'ACE error 864: a post-summary correction was attempted while CAPE is processing a refund for the entry.',
    fix: 'contact-cbp',
    action:
      'Do not file corrections while the refund is in process; if the entry needs one, ask CBP (IEEPARefunds@cbp.dhs.gov).',
    source: { note: 'ACE error 864, reported in public code and guides', confidence: 'secondary' },
  },
  {
    id: 'PSC_NOT_ALLOWED_IEEPA_HTS',
    patterns: ['PSC NOT ALLOWED TO MODIFY IEEPA HTS'],
    meaning: 'ACE error F883 (from 2026-08-21): a post-summary correction may not change an IEEPA HTS number.',
    fix: 'contact-cbp',
    action:
      'Leave the IEEPA lines as they are; CAPE removes them itself. Ask CBP (IEEPARefunds@cbp.dhs.gov) if the entry cannot be filed otherwise.',
    source: { note: 'CSMS #69635410 (2026-08-21)', confidence: 'secondary' },
  },
  {
    id: 'ACCOUNT_MISMATCH',
    patterns: [
      'IOR MISMATCH',
      'IMPORTER MISMATCH',
      'IMPORTER OF RECORD DOES NOT MATCH',
      'IOR DOES NOT MATCH',
      'NOT AUTHORIZED',
      'NOT AUTHORISED',
      'FILER CODE DOES NOT MATCH',
      'ACCOUNT MISMATCH',
    ],
    meaning: 'The account that filed the declaration is not the importer of record on the entry, nor its filer.',
    fix: 'authorization',
    action:
      "File the entry from the importer of record's ACE account (or the broker that filed the entry summary), or pass it to its owner.",
    source: {
      note: 'entry-level check: filing account IOR = IOR on the entry (cape-rules §2.6 W-04)',
      confidence: 'secondary',
    },
  },
  {
    id: 'DUPLICATE_PRIOR_DECLARATION',
    patterns: ['DUPLICATE', 'DUPLICATED', 'ALREADY ON ANOTHER DECLARATION', 'PRIOR DECLARATION'],
    meaning: 'The entry is already on another CAPE declaration.',
    fix: 'contact-cbp',
    action:
      'Do not refile. Find the earlier declaration in your ledger and follow that claim; if you know of none, ask CBP.',
    source: { note: 'cape-rules §2.3 D-02 ("duplicated from a prior declaration")', confidence: 'secondary' },
  },
  {
    id: 'FINAL_LIQUIDATION',
    patterns: ['FINAL LIQUIDATION STATUS', 'MORE THAN 80 DAYS', 'PAST 80 DAYS', '80 DAYS'],
    meaning: 'The entry liquidated more than 80 days before the declaration: CAPE no longer takes it.',
    fix: 'not-refundable',
    action:
      'Protest within 180 days of liquidation (19 U.S.C. 1514); after that only the court route remains (Phase 3 is limited to litigants).',
    source: { note: 'CBP FAQ 2026-04-15 via capeportalguide.com (cape-rules §3.3)', confidence: 'secondary' },
  },
  {
    id: 'NO_IEEPA_HTS',
    patterns: ['NO IEEPA', 'IEEPA HTS NOT FOUND', 'DOES NOT CONTAIN IEEPA', 'NO CHAPTER 99'],
    meaning: 'The entry has no IEEPA Chapter 99 line, so there is nothing to refund through CAPE.',
    fix: 'not-refundable',
    action: 'Leave it out of declarations; check the export if you believe IEEPA duty was paid on it.',
    source: { note: 'April 13, 2026 CSMS entry validation 1 (cape-rules §3.2)', confidence: 'secondary' },
  },
  {
    id: 'UNABLE_TO_CALCULATE_DUTY',
    patterns: ['UNABLE TO CALCULATE DUTY'],
    meaning:
      'ACE could not recalculate duty once the IEEPA lines were removed; sometimes transient (weekly FTZ type 06 entries).',
    fix: 'contact-cbp',
    action: 'Refile once; if it fails again, e-mail IEEPARefunds@cbp.dhs.gov with the entry number.',
    source: { note: 'CBP answers to NCBFAA (rimlogistics.com)', confidence: 'secondary' },
  },
  {
    id: 'ENTRY_ON_DRAWBACK',
    patterns: ['ENTRY ON DRAWBACK', 'DRAWBACK'],
    meaning: 'The entry is designated on a drawback claim.',
    fix: 'not-refundable',
    action: 'Not refundable through CAPE while on a drawback claim; seek advice on the protest or court route.',
    source: { note: 'CBP FAQ via capeportalguide.com (cape-rules §3.3)', confidence: 'secondary' },
  },
  {
    id: 'FLAGGED_FOR_RECON',
    patterns: ['FLAGGED FOR RECON'],
    meaning:
      'The entry is flagged for reconciliation: accepted since 2026-06-29 only for types 01, 02 and 06 with no type 09 filed.',
    fix: 'later-phase',
    action:
      'If no type 09 is on file and the type is 01, 02 or 06, refile; once the 09 is filed, wait for a later CAPE phase.',
    source: { note: 'CSMS #69035485 (effective 2026-06-29)', confidence: 'secondary' },
  },
  {
    id: 'SUMMARY_CANCELLED_REJECTED',
    patterns: ['ENTRY SUMMARY IS CANCELLED', 'ENTRY SUMMARY IS REJECTED', 'CANCELLED/REJECTED'],
    meaning: 'The entry summary is not in Accepted status in ACE.',
    fix: 'contact-cbp',
    action: 'Resolve the entry summary status in ACE with CBP first, then refile.',
    source: { note: 'CBP FAQ via capeportalguide.com (cape-rules §3.3)', confidence: 'secondary' },
  },
  {
    id: 'PROTEST_OPEN',
    patterns: ['OPEN PROTEST', 'PROTEST'],
    meaning: 'The entry is covered by an open or suspended protest.',
    fix: 'not-refundable',
    action:
      'If the protest concerns only IEEPA duty and the entry is within 80 days of liquidation, withdraw it and refile; otherwise pursue the protest.',
    source: { note: 'April 13, 2026 CSMS entry validation 7 (cape-rules §3.2, §3.4)', confidence: 'secondary' },
  },
  {
    id: 'SYSTEM_EXCEPTION',
    patterns: ['UNCATEGORIZED EXCEPTION', 'JMS PROCESSING'],
    meaning: 'A CAPE system fault during processing (seen in launch week under load), not a problem with the entry.',
    fix: 'refile',
    action: 'Put the entry on a new declaration as it is.',
    source: { note: 'es-003.com CAPE errors guide (cape-rules §3.3)', confidence: 'secondary' },
  },
];

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
export function matchCapeError(text: string, catalogue: readonly CapeErrorRule[] = CAPE_ERRORS): CapeErrorRule | null {
  const t = ` ${normaliseErrorText(text)} `;
  if (t.trim() === '') return null;
  for (const { rule, patterns } of compiled(catalogue)) {
    for (const p of patterns) if (t.includes(` ${p} `)) return rule;
  }
  return null;
}
