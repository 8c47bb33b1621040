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
import { type SnapshotSpec, builtInInForce, ledgerRecord, snapshot } from '../../tests/factories/snapshots';
import { AppState, FILING_DATE_PAUSE_MS, type FilingDateMemory } from './app-state.svelte';
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

async function started(
  first: Snapshot,
  methods: Partial<FakeApi> = {},
  persist: () => Promise<boolean> = () => Promise.resolve(false),
  dates: FilingDateMemory = { get: () => null, set: () => undefined },
): Promise<Started> {
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
    persist,
    dates,
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
    // Downloads are made when asked for (a link clicked, a screen of downloads shown), for the figures shown.
    expect(app.exports).toBeNull();
    await app.ensureExports();
    expect(app.exports?.version).toBe(4);
    expect(app.status).toBe('ready');
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
    await app.ensureExports();
    expect(exported).toEqual([3]);
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
    await app.ensureExports();
    expect(exported).toEqual([5]);
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
        { kind: 'rejected', fileName: 'empty.csv', message: 'The file is empty (0 bytes).', mappable: false },
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

describe('AppState: workspaces', () => {
  const sampleOpen = {
    open: 2,
    list: [
      { id: 1, name: 'My data', sample: false },
      { id: 2, name: 'Sample', sample: true },
    ],
  };
  const realOpen = { ...sampleOpen, open: 1 };

  it('another workspace opened: what was shown of the previous one goes, an empty one opens on Import, no change is described', async () => {
    const { app } = await started(snapshot({ version: 1, workspaces: sampleOpen }), {
      openWorkspace: () => Promise.resolve(updated({ version: 2, refund: 50, workspaces: realOpen })),
    });
    expect(app.workspace).toEqual({ id: 2, name: 'Sample', sample: true });
    app.view = 'payments';
    app.entryFilter = { segment: 'READY' };
    app.openEntry = 'B7603245278';
    app.fileErrors = [{ fileName: 'x.csv', reason: 'bad' }];
    await app.openWorkspace(1);
    expect(app.workspace?.id).toBe(1);
    expect([app.view, app.entryFilter, app.openEntry, app.fileErrors, app.changeNote]).toEqual([
      'import',
      {},
      null,
      [],
      null,
    ]);
  });

  it('files dropped while the sample is open: the batch’s workspace is taken, and the refused files keep their banners', async () => {
    const batch: ImportBatch = {
      outcomes: [{ kind: 'rejected', fileName: 'empty.csv', message: 'The file is empty (0 bytes).', mappable: false }],
      snapshot: snapshot({ version: 2, workspaces: realOpen }),
    };
    const { app } = await started(snapshot({ version: 1, workspaces: sampleOpen }), {
      importFiles: () => Promise.resolve(batch),
    });
    await app.addFiles([new File([''], 'empty.csv')]);
    expect(app.workspace?.id).toBe(1);
    expect(app.fileErrors).toEqual([{ fileName: 'empty.csv', reason: 'The file is empty (0 bytes).' }]);
  });

  it('a rename keeps the analysis: its downloads are not made again; a refused name reaches the error banner', async () => {
    const { app, exported } = await started(snapshot({ version: 1 }), {
      renameWorkspace: (id, name) =>
        Promise.resolve(
          name === ''
            ? { kind: 'invalid-input', message: 'A workspace needs a name.' }
            : updated({ version: 1, workspaces: { open: 1, list: [{ id, name, sample: false }] } }),
        ),
    });
    await app.ensureExports();
    await app.renameWorkspace(1, 'Acme');
    expect(app.workspace?.name).toBe('Acme');
    await app.ensureExports();
    expect(exported).toEqual([1]);
    await app.renameWorkspace(1, '');
    expect(app.error).toBe('A workspace needs a name.');
    expect(app.workspace?.name).toBe('Acme');
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
        ledger: [ledgerRecord()],
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

describe('AppState: after filing', () => {
  const filed = ledgerRecord();

  it('asks the browser to keep this site’s storage when the first declaration is marked submitted, and only then', async () => {
    const persist = vi.fn(() => Promise.resolve(true));
    const marked: Parameters<DatasetApi['markSubmitted']>[] = [];
    let version = 1;
    const { app } = await started(
      snapshot({ version: 1 }),
      {
        markSubmitted: (...args) => {
          marked.push(args);
          return Promise.resolve(updated({ version: ++version, ledger: [filed] }));
        },
      },
      persist,
    );
    await app.markSubmitted(['CAPE_1.csv'], '2026-05-01', 'DEC-1');
    expect(persist).toHaveBeenCalledTimes(1);
    expect(marked).toEqual([[['CAPE_1.csv'], '2026-05-01', 'DEC-1']]);
    // The ledger is no longer empty: no second request.
    await app.markSubmitted(['CAPE_2.csv'], '2026-05-02');
    expect(persist).toHaveBeenCalledTimes(1);
  });

  it('a browser that refuses to persist storage does not stop the marking', async () => {
    const { app } = await started(
      snapshot({ version: 1 }),
      { markSubmitted: () => Promise.resolve(updated({ version: 2, ledger: [filed] })) },
      () => Promise.reject(new Error('not allowed')),
    );
    await app.markSubmitted(['CAPE_1.csv'], '2026-05-01');
    expect(app.error).toBeNull();
    expect(app.snapshot!.ledger).toHaveLength(1);
  });

  it('a backup the worker refuses reaches the error banner with its reason; the snapshot stays', async () => {
    const message = 'bad.json: This is not a CAPE Prep backup: the file is not JSON. Nothing was changed.';
    const { app } = await started(snapshot({ version: 1, ledger: [filed] }), {
      importBackup: () => Promise.resolve({ kind: 'invalid-input', message }),
      setLedgerDetails: (id, on, claim) =>
        Promise.resolve(updated({ version: 2, ledger: [{ ...filed, id, submittedOn: on, claimNumber: claim }] })),
    });
    await app.importBackup(new File(['x'], 'bad.json'));
    expect(app.error).toBe(message);
    expect(app.snapshot!.version).toBe(1);
    await app.setLedgerDetails(1, '2026-04-30', 'DEC-2');
    expect(app.error).toBeNull();
    expect(app.snapshot!.ledger.map((r) => [r.submittedOn, r.claimNumber])).toEqual([['2026-04-30', 'DEC-2']]);
  });
});

describe('AppState: a filing date typed into the date input', () => {
  it('applies once, after the pause, the complete date in the trade years; half-typed years wait; the status is not ready meanwhile', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const asked: string[] = [];
      const { app } = await started(snapshot({ version: 1 }), {
        setAssumptions: (a) => {
          asked.push(a.filingDate);
          return Promise.resolve(updated({ version: 2 + asked.length }));
        },
      });
      // Typing 12/01/2026 over a date: the month and day form complete dates, then the year passes 0002 … 2026.
      for (const v of ['2026-12-29', '2026-12-01', '0002-12-01', '0020-12-01', '0202-12-01', '2026-12-01']) {
        app.typeFilingDate(v);
        vi.advanceTimersByTime(100);
      }
      expect(asked).toEqual([]);
      expect(app.status).toBe('analysing');
      await vi.advanceTimersByTimeAsync(FILING_DATE_PAUSE_MS);
      expect(asked).toEqual(['2026-12-01']);
      // A half-typed year alone is not applied, and the status returns to ready.
      app.typeFilingDate('0202-12-01');
      await vi.advanceTimersByTimeAsync(FILING_DATE_PAUSE_MS * 2);
      expect(app.status).toBe('ready');
      expect(asked).toEqual(['2026-12-01']);
      // Leaving the field with something that is not a date in the trade years is refused.
      expect(app.commitFilingDate('0202-12-01')).toBe(false);
      expect(app.commitFilingDate('2027-01-04')).toBe(true);
      await vi.advanceTimersByTimeAsync(1);
      expect(asked).toEqual(['2026-12-01', '2027-01-04']);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('AppState: the filing date across a reload, and resetting the assumptions', () => {
  it('a reload of the tab opens at the filing date it had (per workspace); a reset asks the worker for the defaults at today', async () => {
    const kept = new Map<number, string>([[1, '2026-07-01']]);
    const dates: FilingDateMemory = { get: (w) => kept.get(w) ?? null, set: (w, d) => void kept.set(w, d) };
    const asked: string[] = [];
    const resets: string[] = [];
    const { app } = await started(
      snapshot({ version: 1 }),
      {
        setAssumptions: (a) => {
          asked.push(a.filingDate);
          return Promise.resolve(updated({ version: 2, assumptions: { filingDate: a.filingDate } }));
        },
        resetAssumptions: (today) => {
          resets.push(today);
          return Promise.resolve(updated({ version: 3, assumptions: { filingDate: today } }));
        },
      },
      undefined,
      dates,
    );
    expect(asked).toEqual(['2026-07-01']);
    expect(app.snapshot!.assumptions.filingDate).toBe('2026-07-01');
    await app.resetAssumptions();
    expect(resets).toEqual(['2026-05-04']);
    expect(kept.get(app.snapshot!.workspaces.open)).toBe('2026-05-04');
  });
});
