import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

/**
 * Layers (eslint-boundaries.test.ts proves each rule fails on a probe): src/core is pure TypeScript
 * and imports neither the UI nor the workers; the UI (src/ui, src/*) imports only types from
 * workers/, and only from the contract (workers/contract.ts), so no worker code reaches the main
 * chunk; workers/ never import the UI.
 */
const coreRestrictions = {
  patterns: [
    { group: ['dexie', 'dexie/*'], message: 'src/core must not touch storage (Dexie).' },
    { group: ['svelte', 'svelte/*', '*.svelte'], message: 'src/core must not import Svelte.' },
    {
      group: ['comlink', 'papaparse', 'fflate', 'saxes'],
      message: 'src/core stays free of I/O libraries; use them in workers/.',
    },
    {
      group: ['**/ui', '**/ui/**', '**/workers', '**/workers/**'],
      message: 'src/core imports nothing from the UI or the workers.',
    },
  ],
};

const uiRestrictions = {
  patterns: [
    {
      group: ['dexie', 'dexie/*', 'papaparse', 'saxes'],
      message: 'The UI talks to the worker; parsing and storage live in workers/.',
    },
    // Two patterns: a type import that matches an allowTypeImports pattern passes whatever else matches.
    {
      group: ['**/workers/contract'],
      allowTypeImports: true,
      message:
        'The UI imports only types from workers/ (`import type`): a value would pull worker code into the main chunk.',
    },
    {
      group: ['**/workers/**', '!**/workers/contract'],
      message: 'The UI sees workers/ through workers/contract.ts only, and only its types: export the type from there.',
    },
  ],
};

const workerRestrictions = {
  patterns: [{ group: ['**/src/ui', '**/src/ui/**'], message: 'workers/ never import the UI.' }],
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
    rules: { '@typescript-eslint/no-restricted-imports': ['error', uiRestrictions] },
  },
  {
    files: ['workers/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', workerRestrictions] },
  },
);
