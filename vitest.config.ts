import { defineConfig } from 'vitest/config';

/** Unit and worker-logic tests run in Node; browser tests (tests/e2e) have their own config. */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'workers/**/*.test.ts', 'tests/unit/**/*.test.ts'],
    environment: 'node',
  },
});
