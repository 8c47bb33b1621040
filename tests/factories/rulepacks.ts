/** Rule pack documents and files for tests: the built-in pack as editable JSON, and edits of it. */
import { builtInRulepack } from '../../src/core/builtin-rulepack';
import { type Rulepack, canonicalRulepackBytes } from '../../src/core/rulebook';

/** A fresh copy of the built-in pack's document, as its bytes say (free to edit). */
export function builtInDocument(): Rulepack {
  return JSON.parse(new TextDecoder().decode(builtInRulepack().bytes)) as Rulepack;
}

/** The document with every corporate overpayment rate one point higher and the version bumped (a newer pack). */
export function raisedCorporate(doc: Rulepack = builtInDocument(), version = '2026.11.28-2'): Rulepack {
  doc.version = version;
  for (const r of doc.overpaymentRates) r.corporate = String(Number(r.corporate) + 1);
  doc.changes.unshift({ version, date: doc.asOf, notes: ['Every corporate overpayment rate one point higher.'] });
  return doc;
}

export function packFile(doc: unknown, name = 'pack.json'): File {
  return new File([canonicalRulepackBytes(doc).slice()], name, { type: 'application/json' });
}
