/**
 * `npm test`: type checks, lint, unit tests, then the production build and the browser tests.
 * (Prettier's check counts as one test too.)
 * Prints each suite's own output and ends with one line: `N passed, N failed` (totals over all suites;
 * the type check and the lint count as one test each).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';

mkdirSync('.tmp', { recursive: true });
let passed = 0;
let failed = 0;

function run(label, cmd, args) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: false });
  return r.status === 0;
}

function single(label, cmd, args) {
  if (run(label, cmd, args)) passed++;
  else {
    failed++;
    console.log(`${label} FAILED`);
  }
}

function vitest(label, args, out) {
  rmSync(out, { force: true });
  const ok = run(label, 'npx', [
    'vitest',
    'run',
    ...args,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ]);
  if (!existsSync(out)) {
    failed++;
    console.log(`${label}: no results written (the run itself failed)`);
    return;
  }
  const r = JSON.parse(readFileSync(out, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests + (r.numTodoTests ?? 0) + (r.numPendingTests ?? 0);
  // A suite that fails to load reports no failed tests but does not succeed.
  if (!ok && r.numFailedTests === 0) failed++;
}

single('type check', 'npx', ['svelte-check', '--tsconfig', './tsconfig.json', '--fail-on-warnings']);
single('lint', 'npx', ['eslint', '.']);
single('format', 'npx', ['prettier', '--check', '.']);
vitest('unit tests', [], '.tmp/unit.json');
if (run('build', 'npx', ['vite', 'build'])) {
  vitest('browser tests', ['--config', 'vitest.e2e.config.ts'], '.tmp/e2e.json');
} else {
  failed++;
  console.log('build FAILED: browser tests not run');
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
