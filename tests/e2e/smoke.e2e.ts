import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { type Session, openApp } from './browser';

let s: Session;
beforeAll(async () => {
  s = await openApp(inject('baseUrl'));
});
afterAll(() => s.close());

it('the production build loads and shows the rulebook version', async () => {
  await expect(s.page.textContent('body')).resolves.toContain('Rulebook 2026.11.26-2');
  expect(s.errors).toEqual([]);
});
