import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

/** Layers: src/core is pure TypeScript; the UI reaches workers only through their types. */
const coreRestrictions = {
  patterns: [
    { group: ['dexie', 'dexie/*'], message: 'src/core must not touch storage (Dexie).' },
    { group: ['svelte', 'svelte/*', '*.svelte'], message: 'src/core must not import Svelte.' },
    {
      group: ['comlink', 'papaparse', 'fflate', 'saxes'],
      message: 'src/core stays free of I/O libraries; use them in workers/.',
    },
    {
      group: ['../ui/*', '../../workers/*', '../../../workers/*'],
      message: 'src/core imports nothing from the UI or the workers.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'dev-dist/', 'bench-results/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.worker, ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Type-aware rules: a forgotten await loses an error; a new union member must reach every switch.
    files: ['**/*.ts', '**/*.svelte'],
    ignores: ['*.config.ts', '*.config.js'],
    languageOptions: { parserOptions: { projectService: true, extraFileExtensions: ['.svelte'] } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: tseslint.parser, svelteConfig },
    },
    rules: {
      // Maps and Sets here are built whole inside $derived/$effect and replaced, never mutated in place
      // as state; SvelteMap would add reactivity overhead to per-page caches for nothing.
      'svelte/prefer-svelte-reactivity': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', coreRestrictions],
      'no-restricted-globals': ['error', 'window', 'document', 'indexedDB', 'navigator', 'localStorage', 'fetch'],
    },
  },
  {
    files: ['src/ui/**/*.ts', 'src/ui/**/*.svelte', 'src/*.ts', 'src/*.svelte'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['dexie', 'papaparse', 'saxes'],
              message: 'The UI talks to the worker; parsing and storage live in workers/.',
            },
          ],
        },
      ],
    },
  },
);
