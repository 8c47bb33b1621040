/**
 * The UI state class in Node, against a fake worker API: operations run one after another in the
 * order asked, a snapshot older than the one shown is never taken back, failures returned as data
 * reach the error banner, and a what-if change is described in words.
 */
import { describe, expect, it, vi } from 'vitest';
import type {
  AssumptionsResult,
  DatasetApi,
  ExportFiles,
  ImportBatch,
  Snapshot,
  WriteResult,
} from '../../workers/contract';
import { type SnapshotSpec, builtInInForce, snapshot } from '../../tests/factories/snapshots';
import { AppState } from './app-state.svelte';
import type { WorkerApi } from './worker-client';

/** The worker API as a fake implements it: the same parameters, every answer a promise. */
type FakeApi = {
  [K in keyof DatasetApi]: (...args: Parameters<DatasetApi[K]>) => Promise<Awaited<ReturnType<DatasetApi[K]>>>;
};

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const updated = (spec: SnapshotSpec): WriteResult & AssumptionsResult => ({
  kind: 'updated',
  snapshot: snapshot(spec),
});

/** Let every queued promise callback run. */
const settle = () => new Promise((r) => setTimeout(r, 0));

interface Started {
  app: AppState;
  /** The callback the app gave the worker for changes made in other tabs. */
  otherTab(s: Snapshot): void;
  /** The versions whose download files were asked for. */
  exported: number[];
}

async function started(first: Snapshot, methods: Partial<FakeApi> = {}): Promise<Started> {
  let otherTab: ((s: Snapshot) => void) | null = null;
  const exported: number[] = [];
  const api: Partial<FakeApi> = {
    init: (_today, onExternalChange) => {
      otherTab = onExternalChange;
      return Promise.resolve(first);
    },
    exportFiles: (version): Promise<ExportFiles> => {
      exported.push(version);
      const blob = new Blob(['x']);
      return Promise.resolve({ version, entriesCsv: blob, problemsCsv: blob, declarationsZip: blob, declarations: [] });
    },
    ...methods,
  };
  const app = new AppState(
    () => api as unknown as WorkerApi,
    () => '2026-05-04',
  );
  await app.start();
  return { app, otherTab: (s) => otherTab!(s), exported };
}

describe('AppState: the operation queue', () => {
  it('runs operations one after another in the order asked; each starts from the result of the one before', async () => {
    const answers = [deferred<AssumptionsResult>(), deferred<AssumptionsResult>()];
    const asked: Parameters<DatasetApi['setAssumptions']>[0][] = [];
    const order: string[] = [];
    const { app } = await started(snapshot({ version: 1 }), {
      setAssumptions: (a) => {
        order.push('assumptions');
        asked.push(a);
        return answers[asked.length - 1]!.promise;
      },
      saveProfile: (p) => {
        order.push('profile');
        return Promise.resolve(updated({ version: 4, assumptions: { includeDeferred: true }, role: p.role }));
      },
    });
    expect(app.status).toBe('ready');

    const all = [
      app.setAssumptions({ includeDeferred: true }),
      app.setAssumptions({ partition: 'filer' }),
      app.saveProfile({ ...app.snapshot!.profile, role: 'broker' }),
    ];
    await settle();
    expect(order).toEqual(['assumptions']);
    expect(app.status).toBe('analysing');

    answers[0]!.resolve(updated({ version: 2, assumptions: { includeDeferred: true } }));
    await vi.waitFor(() => expect(order).toEqual(['assumptions', 'assumptions']));
    // The second patch applies to the assumptions the first one produced.
    expect(asked[1]).toMatchObject({ includeDeferred: true, partition: 'filer' });
    expect(app.snapshot!.version).toBe(2);
    expect(app.status).toBe('analysing');

    answers[1]!.resolve(updated({ version: 3, assumptions: { includeDeferred: true, partition: 'filer' } }));
    await Promise.all(all);
    expect(order).toEqual(['assumptions', 'assumptions', 'profile']);
    expect(app.snapshot!.version).toBe(4);
    expect(app.status).toBe('ready');
    expect(app.exports?.version).toBe(4);
  });

  it('an operation that throws shows its error and does not stop the ones after it', async () => {
    const { app } = await started(snapshot({ version: 1 }), {
      removeFile: () => Promise.reject(new Error('The worker is not initialised: call init() first.')),
      saveProfile: () => Promise.resolve(updated({ version: 2, role: 'broker' })),
    });
    const failing = app.removeFile(7);
    const next = app.saveProfile({ ...app.snapshot!.profile, role: 'broker' });
    await failing;
    expect(app.error).toBe('The worker is not initialised: call init() first.');
    await next;
    expect(app.snapshot!.profile.role).toBe('broker');
  });
});

describe('AppState: the version guard', () => {
  it('never goes back to an older analysis: another tab’s change that answers late is dropped', async () => {
    const answer = deferred<AssumptionsResult>();
    const { app, otherTab, exported } = await started(snapshot({ version: 1, refund: 100_000, count: 10 }), {
      setAssumptions: () => answer.promise,
    });
    const change = app.setAssumptions({ includeDeferred: true });
    // The worker reloaded another tab's change (version 2) before it analysed ours (version 3); the
    // message about it queues behind our operation.
    otherTab(snapshot({ version: 2, refund: 50_000, count: 5 }));
    answer.resolve(updated({ version: 3, refund: 120_000, count: 12, assumptions: { includeDeferred: true } }));
    await change;
    await vi.waitFor(() => expect(app.status).toBe('ready'));
    expect(app.snapshot!.version).toBe(3);
    expect(app.snapshot!.overview.declared.refund).toBe(120_000);
    expect(exported).toEqual([1, 3]);
    expect(app.changeNote).toBe(
      'DEFERRED entries included: total refund $1,200.00 (+$200.00); 12 entries to declare (was 10).',
    );
  });

  it('takes another tab’s newer analysis and says so', async () => {
    const { app, otherTab, exported } = await started(snapshot({ version: 1 }));
    otherTab(snapshot({ version: 5, refund: 70_000, count: 7 }));
    await vi.waitFor(() => expect(app.snapshot!.version).toBe(5));
    await vi.waitFor(() => expect(app.status).toBe('ready'));
    expect(app.changeNote).toBe('Another tab changed the data; figures reloaded.');
    expect(exported).toEqual([1, 5]);
  });
});

describe('AppState: failures returned as data', () => {
  it.each([
    [
      'storage-full',
      'Storage full: the browser refused to store more data for this site. Free disk space or remove loaded files, then try again. The dataset is unchanged.',
    ],
    ['invalid-input', 'Filing date must be a real date (YYYY-MM-DD), got "2026-02-30".'],
  ] as const)(
    '%s: the message is the error, the snapshot stays, the next operation clears it',
    async (kind, message) => {
      const { app } = await started(snapshot({ version: 1, refund: 100_000 }), {
        setAssumptions: () => Promise.resolve({ kind, message }),
        saveProfile: () => Promise.resolve(updated({ version: 2, role: 'broker' })),
      });
      await app.setAssumptions({ filingDate: '2026-02-30' });
      expect(app.error).toBe(message);
      expect(app.status).toBe('error');
      expect(app.snapshot!.version).toBe(1);
      expect(app.changeNote).toBeNull();
      await app.saveProfile({ ...app.snapshot!.profile, role: 'broker' });
      expect(app.error).toBeNull();
      expect(app.status).toBe('ready');
    },
  );

  it('each file not imported gets a banner with the worker’s message; the imported one does not', async () => {
    const batch: ImportBatch = {
      outcomes: [
        { kind: 'imported', fileName: 'good.csv' },
        { kind: 'rejected', fileName: 'empty.csv', message: 'The file is empty (0 bytes).' },
        { kind: 'storage-full', fileName: 'big.csv', message: 'Storage full: …' },
        { kind: 'cancelled', fileName: 'slow.csv', message: 'Import cancelled by you: …' },
      ],
      snapshot: snapshot({ version: 2, refund: 10_000, count: 1 }),
    };
    const { app } = await started(snapshot({ version: 1 }), { importFiles: () => Promise.resolve(batch) });
    await app.addFiles([new File(['x'], 'good.csv')]);
    expect(app.fileErrors).toEqual([
      { fileName: 'empty.csv', reason: 'The file is empty (0 bytes).' },
      { fileName: 'big.csv', reason: 'Storage full: …' },
      { fileName: 'slow.csv', reason: 'Import cancelled by you: …' },
    ]);
    expect(app.lastOutcomes).toBe(batch.outcomes);
    expect(app.snapshot!.version).toBe(2);
    // A refused file keeps the Import screen open, with its message.
    expect(app.view).toBe('import');
  });

  it('a pack older than the built-in one, applied without confirmation, is refused in the error banner', async () => {
    const message = 'Rule pack 1 (as of 2026-01-01) is older than the built-in pack: it was not applied.';
    const { app } = await started(snapshot({ version: 1 }), {
      applyRulepack: () => Promise.resolve({ kind: 'invalid-input', message }),
    });
    await app.applyRulepack('ab'.repeat(32), false);
    expect(app.error).toBe(message);
    expect(app.snapshot!.version).toBe(1);
  });

  it('a read that throws is reported once, in the same banner', async () => {
    const { app } = await started(snapshot({ version: 1 }), {
      sampleWorkbook: () => Promise.reject(new Error('The worker is not initialised: call init() first.')),
    });
    expect(await app.sampleWorkbook()).toBeNull();
    expect(app.error).toBe('The worker is not initialised: call init() first.');
  });
});

describe('AppState: what changed, in words', () => {
  const base: SnapshotSpec = { version: 1, refund: 100_000, interest: 5_000, count: 10 };

  it.each<[string, (app: AppState) => Promise<void>, SnapshotSpec, string | null]>([
    [
      'a new filing date: refund, entries and interest with what they were',
      (app) => app.setAssumptions({ filingDate: '2026-06-01' }),
      { version: 2, refund: 90_000, interest: 4_000, count: 8, assumptions: { filingDate: '2026-06-01' } },
      'filing date 2026-05-04 → 2026-06-01: total refund $900.00 (−$100.00); 8 entries to declare (was 10); interest $40.00 (was $50.00).',
    ],
    [
      'taxpayer type and declarations per filer code together',
      (app) => app.setAssumptions({ defaultTaxpayer: 'non_corporate', partition: 'filer' }),
      { ...base, version: 2, refund: 100_500, assumptions: { defaultTaxpayer: 'non_corporate', partition: 'filer' } },
      'taxpayer type → non-corporate, declarations mix IORs (per filer code): total refund $1,005.00 (+$5.00).',
    ],
    [
      'the profile',
      (app) => app.saveProfile({ ...app.snapshot!.profile, role: 'broker' }),
      { ...base, version: 2, role: 'broker' },
      'profile saved: total refund $1,000.00 (+$0.00).',
    ],
    [
      'the ledger',
      (app) => app.markSubmitted(['CAPE_1.csv']),
      {
        version: 2,
        ledger: [
          {
            id: 1,
            name: 'CAPE_1.csv',
            entries: 10,
            submittedAt: '',
            rejected: false,
            rejectedEntries: [],
            rulepack: null,
          },
        ],
      },
      'filing ledger updated: total refund $0.00 (−$1,000.00); 0 entries to declare (was 10); interest $0.00 (was $50.00).',
    ],
    [
      'a rule pack applied',
      (app) => app.applyRulepack('ab'.repeat(32), false),
      {
        ...base,
        version: 2,
        refund: 101_000,
        rulepack: { ...builtInInForce(), version: '2026.12.01-1', sha256: 'ab'.repeat(32), origin: 'loaded' },
      },
      'rule pack 2026.12.01-1 applied: total refund $1,010.00 (+$10.00).',
    ],
    [
      'nothing the user set: "Recalculated"',
      (app) => app.setAssumptions({}),
      { ...base, version: 2 },
      'Recalculated: total refund $1,000.00 (+$0.00).',
    ],
    ['removing a file says nothing', (app) => app.removeFile(1), { ...base, version: 2, refund: 0 }, null],
  ])('%s', async (_label, act, after, note) => {
    const answer = () => Promise.resolve(updated(after));
    const { app } = await started(snapshot(base), {
      setAssumptions: answer,
      saveProfile: answer,
      markSubmitted: answer,
      removeFile: answer,
      applyRulepack: answer,
    });
    await act(app);
    expect(app.snapshot!.version).toBe(2);
    expect(app.changeNote).toBe(note);
  });
});
