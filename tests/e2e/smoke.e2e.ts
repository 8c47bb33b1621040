import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { builtInRulepack } from '../../src/core/builtin-rulepack';
import { type Session, openApp } from './browser';
import { waitReady } from './helpers';

let s: Session;
beforeAll(async () => {
  s = await openApp(inject('baseUrl'));
});
afterAll(() => s.close());

it('the production build loads and shows the version of the rule pack in force', async () => {
  await waitReady(s.page);
  const { version, asOf } = builtInRulepack().pack;
  await expect(s.page.getByTestId('rulepack-in-force').textContent()).resolves.toBe(`Rulebook ${version}as of ${asOf}`);
  expect(s.errors).toEqual([]);
});
