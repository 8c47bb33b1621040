/**
 * The layer rules in eslint.config.js, run through ESLint's Node API with the project's own config on
 * small probe files: each rule must fail its probe (so a rule that stopped matching is caught) and
 * let the imports the code base really makes pass. Probes are written into the tree for the run (the
 * type-aware parser only lints files its tsconfig includes) and always removed afterwards.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const RULE = '@typescript-eslint/no-restricted-imports';

interface Probe {
  /** Where the probe file goes, from the repository root. */
  path: string;
  code: string;
}

const probes = {
  uiValueFromWorkers: {
    path: 'src/ui/__probe-value__.ts',
    code: "import { CapeDb } from '../../workers/store/db';\nexport const db = new CapeDb();\n",
  },
  uiValueFromContract: {
    path: 'src/ui/__probe-contract-value__.ts',
    code: "import { Snapshot } from '../../workers/contract';\nexport type S = Snapshot;\n",
  },
  uiTypeFromWorkerInternals: {
    path: 'src/ui/__probe-internals__.ts',
    code: "import type { LoadedFile } from '../../workers/ingest/import-file';\nexport type F = LoadedFile;\n",
  },
  componentValueFromWorkers: {
    path: 'src/ui/components/__Probe__.svelte',
    code: '<script lang="ts">\n  import { storageInfo } from \'../../../workers/store/storage-info\';\n  void storageInfo();\n</script>\n',
  },
  appValueFromWorkers: {
    path: 'src/__probe-app__.ts',
    code: "import { api } from '../workers/dataset.worker';\nexport const a = api;\n",
  },
  uiTypeFromContract: {
    path: 'src/ui/__probe-type__.ts',
    code: "import type { Snapshot } from '../../workers/contract';\nexport type S = Snapshot;\n",
  },
  componentTypeFromContract: {
    path: 'src/ui/components/__ProbeType__.svelte',
    code: '<script lang="ts">\n  import type { Snapshot } from \'../../../workers/contract\';\n  let { s }: { s: Snapshot } = $props();\n</script>\n\n<p>{s.version}</p>\n',
  },
  workerValueFromUi: {
    path: 'workers/dataset/__probe-ui__.ts',
    code: "import { formatUsd } from '../../src/ui/format';\nexport const f = formatUsd;\n",
  },
  workerTypeFromUi: {
    path: 'workers/__probe-ui-type__.ts',
    code: "import type { View } from '../src/ui/app-state.svelte';\nexport type V = View;\n",
  },
  coreDexie: {
    path: 'src/core/__probe-dexie__.ts',
    code: "import Dexie from 'dexie';\nexport const D = Dexie;\n",
  },
  coreTypeFromWorkers: {
    path: 'src/core/__probe-workers__.ts',
    code: "import type { Snapshot } from '../../workers/contract';\nexport type S = Snapshot;\n",
  },
  coreFromUi: {
    path: 'src/core/__probe-ui__.ts',
    code: "import { formatUsd } from '../ui/format';\nexport const f = formatUsd;\n",
  },
} satisfies Record<string, Probe>;

/** Real files that cross a layer the allowed way. */
const REAL_FILES = ['src/ui/worker-client.ts', 'src/ui/app-state.svelte.ts', 'src/ui/views/EntriesView.svelte'];

const results = new Map<string, Linter.LintMessage[]>();

function removeProbes(): void {
  for (const p of Object.values(probes)) rmSync(join(ROOT, p.path), { force: true });
}

beforeAll(async () => {
  removeProbes();
  try {
    for (const p of Object.values(probes)) {
      mkdirSync(dirname(join(ROOT, p.path)), { recursive: true });
      writeFileSync(join(ROOT, p.path), p.code);
    }
    const eslint = new ESLint({ cwd: ROOT });
    const linted = await eslint.lintFiles([...Object.values(probes).map((p) => p.path), ...REAL_FILES]);
    for (const r of linted) results.set(r.filePath.slice(ROOT.length + 1), r.messages);
  } finally {
    removeProbes();
  }
}, 120_000);

afterAll(removeProbes);

/** The layer messages for a file; a parse error fails the test instead of passing as "no message". */
function layerMessages(path: string): string[] {
  const messages = results.get(path);
  if (!messages) throw new Error(`${path} was not linted`);
  const fatal = messages.filter((m) => m.fatal);
  if (fatal.length > 0) throw new Error(`${path}: ${fatal.map((m) => m.message).join('; ')}`);
  return messages.filter((m) => m.ruleId === RULE || m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer boundaries (eslint.config.js)', () => {
  it('the UI may not import a value from workers/, not even from the contract', () => {
    for (const p of [probes.uiValueFromWorkers, probes.componentValueFromWorkers, probes.appValueFromWorkers]) {
      expect(layerMessages(p.path), p.path).toEqual([expect.stringMatching(/through workers\/contract\.ts only/)]);
    }
    expect(layerMessages(probes.uiValueFromContract.path)).toEqual([
      expect.stringMatching(/imports only types from workers/),
    ]);
  });

  it('the UI imports worker types from the contract only', () => {
    expect(layerMessages(probes.uiTypeFromWorkerInternals.path)).toEqual([
      expect.stringMatching(/through workers\/contract\.ts only/),
    ]);
  });

  it('workers/ never import the UI, not even a type', () => {
    for (const p of [probes.workerValueFromUi, probes.workerTypeFromUi]) {
      expect(layerMessages(p.path), p.path).toEqual([expect.stringMatching(/workers\/ never import the UI/)]);
    }
  });

  it('src/core imports neither Dexie, nor the workers, nor the UI', () => {
    expect(layerMessages(probes.coreDexie.path)).toEqual([expect.stringMatching(/must not touch storage \(Dexie\)/)]);
    for (const p of [probes.coreTypeFromWorkers, probes.coreFromUi]) {
      expect(layerMessages(p.path), p.path).toEqual([
        expect.stringMatching(/imports nothing from the UI or the workers/),
      ]);
    }
  });

  it('type imports from the contract pass, in the probes and in the code base', () => {
    for (const path of [probes.uiTypeFromContract.path, probes.componentTypeFromContract.path, ...REAL_FILES]) {
      expect(layerMessages(path), path).toEqual([]);
    }
  });
});
