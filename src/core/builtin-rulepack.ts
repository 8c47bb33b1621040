/**
 * The rule pack the app ships (src/core/builtin-rulepack.json), loaded and validated like any pack a
 * user loads. Its bytes are the canonical ones the app exports (the file in the repository is kept in
 * that form, a test checks it), so its SHA-256 is that of the file and of every download of it.
 */
import document from './builtin-rulepack.json';
import { type LoadedRulepack, canonicalRulepackBytes, loadRulepack, problemText } from './rulebook';

let builtIn: LoadedRulepack | null = null;

export function builtInRulepack(): LoadedRulepack {
  if (!builtIn) {
    const loaded = loadRulepack(canonicalRulepackBytes(document));
    // The shipped pack is checked by the tests; failing here is a defect of the build, not of user input.
    if (loaded.kind === 'invalid')
      throw new Error(`The built-in rule pack is invalid: ${loaded.problems.map(problemText).join('; ')}`);
    builtIn = loaded.loaded;
  }
  return builtIn;
}
