import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.js';

/**
 * Unit and worker-logic tests run in Node; browser tests (tests/e2e) have their own config. The
 * app's own Vite config compiles runes in `.svelte.ts` modules and provides the offline copy's
 * `virtual:pwa-register`, so the UI state classes run here as they are built.
 */
export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      include: ['src/**/*.test.ts', 'workers/**/*.test.ts', 'tests/unit/**/*.test.ts'],
      environment: 'node',
    },
  }),
);
