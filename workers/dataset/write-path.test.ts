/**
 * Every mutation goes through the one write path: each stored write happens under the cross-tab
 * lock, a full disk becomes the `storage-full` result with memory and storage as they were, and the
 * other tab is told of a change (and only of a change). Two services on one database play two tabs;
 * a Dexie middleware sees every stored write and can refuse them as the browser does when full.
 */
import 'fake-indexeddb/auto';
import type { DBCore, DBCoreMutateRequest } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { csvText, fileOf, heldFile, simpleEntry } from '../../tests/factories/es003';
import { packFile, raisedCorporate } from '../../tests/factories/rulepacks';
import type { Snapshot, Updated, WorkerFailure } from '../contract';
import { sourceFor } from '../ingest/import-file';
import { CapeDb } from '../store/db';
import type { WriteLock } from './cross-tab';
import { DatasetService } from './dataset-service';

const TODAY = '2026-05-04';
const ENTRY_A = 'B7603245278';
const ENTRY_B = 'ABC12345676';
const noProgress = () => undefined;

/** One lock for the tabs of this test (as Web Locks is one per origin), that says when it is held. */
function testLock(): WriteLock & { held: boolean } {
  let tail: Promise<unknown> = Promise.resolve();
  const lock = {
    held: false,
    hold<T>(fn: () => Promise<T>): Promise<T> {
      const run = tail.then(async () => {
        lock.held = true;
        try {
          return await fn();
        } finally {
          lock.held = false;
        }
      });
      tail = run.catch(() => undefined);
      return run;
    },
    holdIfFree<T>(fn: () => Promise<T>): Promise<T | null> {
      return lock.held ? Promise.resolve(null) : lock.hold(fn);
    },
  };
  return lock;
}

/** Counts stored writes (and those made without the lock); `full` refuses them with the browser's quota error. */
interface Disk {
  writes: number;
  outsideLock: number;
  full: boolean;
}

function watchDisk(db: CapeDb, lock: { held: boolean }): Disk {
  const disk: Disk = { writes: 0, outsideLock: 0, full: false };
  db.use({
    stack: 'dbcore',
    name: 'test-disk',
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          mutate: (req: DBCoreMutateRequest) => {
            disk.writes++;
            if (!lock.held) disk.outsideLock++;
            if (disk.full)
              return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
            return table.mutate(req);
          },
        };
      },
    }),
  });
  return disk;
}

let dbCount = 0;
const open: DatasetService[] = [];

afterEach(() => {
  for (const s of open.splice(0)) s.close();
  vi.restoreAllMocks();
});

interface Tab {
  s: DatasetService;
  disk: Disk;
  /** The newest snapshot this tab was sent after another tab's change. */
  told: () => Snapshot | null;
}

async function tab(name: string, lock: WriteLock & { held: boolean }): Promise<Tab> {
  const db = new CapeDb(name);
  const disk = watchDisk(db, lock);
  const s = new DatasetService(db, sourceFor(), TODAY, lock);
  open.push(s);
  let told: Snapshot | null = null;
  s.subscribe((snap) => (told = snap));
  await s.init(TODAY);
  return { s, disk, told: () => told };
}

async function twoTabs(): Promise<{ a: Tab; b: Tab; name: string }> {
  const name = `write-path-${++dbCount}`;
  const lock = testLock();
  return { a: await tab(name, lock), b: await tab(name, lock), name };
}

/** Messages this app posted to other tabs (Dexie posts its own on another channel). */
function watchBroadcasts(): () => number {
  const posted = vi.spyOn(BroadcastChannel.prototype, 'postMessage');
  return () => posted.mock.contexts.filter((c) => (c as BroadcastChannel).name.startsWith('cape-prep-dataset:')).length;
}

/** A snapshot's content, without the analysis version and timings (an import that stores nothing still analyses). */
function content(snap: Snapshot): Snapshot {
  return { ...snap, version: 0, timing: { buildMs: 0, analysisMs: 0 } };
}

function snapshotOf(r: Updated | WorkerFailure): Snapshot {
  if (r.kind !== 'updated') throw new Error(`${r.kind}: ${r.message}`);
  return r.snapshot;
}

const twoEntries = () => fileOf(csvText([...simpleEntry(ENTRY_A), ...simpleEntry(ENTRY_B)]), 'two.csv');

async function withFile(s: DatasetService): Promise<Snapshot> {
  return (await s.importFiles([twoEntries()], noProgress)).snapshot;
}

/** Preview a newer pack (every corporate rate a point higher), then apply it. */
async function applyRaised(s: DatasetService): Promise<Updated | WorkerFailure> {
  const p = await s.previewRulepack(packFile(raisedCorporate()));
  if (p.kind !== 'preview') throw new Error(p.message);
  return s.applyRulepack(p.preview.sha256, false);
}

async function withSubmitted(s: DatasetService): Promise<Snapshot> {
  const snap = await withFile(s);
  return snapshotOf(await s.markSubmitted([snap.declarations[0]!.name]));
}

interface Mutation {
  name: string;
  /** Bring the dataset to where the mutation applies; returns the snapshot after. */
  prepare(s: DatasetService): Promise<Snapshot>;
  run(s: DatasetService, before: Snapshot): Promise<Updated | WorkerFailure>;
  /** What the mutation changes, as a snapshot shows it. */
  seen(snap: Snapshot): unknown;
}

const mutations: Mutation[] = [
  {
    name: 'importFiles',
    prepare: (s) => Promise.resolve(s.snapshot()),
    run: async (s) => {
      const { outcomes, snapshot } = await s.importFiles([twoEntries()], noProgress);
      const o = outcomes[0]!;
      return o.kind === 'imported' ? { kind: 'updated', snapshot } : o;
    },
    seen: (snap) => snap.files.map((f) => f.name),
  },
  {
    name: 'removeFile',
    prepare: withFile,
    run: (s, before) => s.removeFile(before.files[0]!.id),
    seen: (snap) => snap.files.map((f) => f.name),
  },
  {
    name: 'setAssumptions',
    prepare: withFile,
    run: (s, before) => s.setAssumptions({ ...before.assumptions, includeDeferred: true, partition: 'filer' }),
    seen: (snap) => [snap.assumptions.includeDeferred, snap.assumptions.partition],
  },
  {
    name: 'saveProfile',
    prepare: withFile,
    run: (s, before) => s.saveProfile({ ...before.profile, role: 'broker', filerCodes: ['B76'] }),
    seen: (snap) => [snap.profile.role, snap.profile.filerCodes],
  },
  {
    name: 'importClientList',
    prepare: withFile,
    run: (s) =>
      s.importClientList(new File(['IOR,Name,Taxpayer type\r\n12-3456789-00,Acme,non-corporate\r\n'], 'clients.csv')),
    seen: (snap) => snap.profile.clients.map((c) => [c.importerNumber, c.name, c.taxpayerType, c.authorized]),
  },
  {
    name: 'applyRulepack',
    prepare: withFile,
    run: (s) => applyRaised(s),
    seen: (snap) => [snap.rulepack.version, snap.overview.declared.refund],
  },
  {
    name: 'revertRulepack',
    prepare: async (s) => {
      await withFile(s);
      return snapshotOf(await applyRaised(s));
    },
    run: (s) => s.revertRulepack(),
    seen: (snap) => [snap.rulepack.version, snap.overview.declared.refund],
  },
  {
    name: 'markSubmitted',
    prepare: withFile,
    run: (s, before) => s.markSubmitted([before.declarations[0]!.name]),
    seen: (snap) => [snap.ledger.map((r) => r.name), snap.overview.declared.count],
  },
  {
    name: 'updateLedger',
    prepare: withSubmitted,
    run: (s, before) => s.updateLedger(before.ledger[0]!.id, false, [ENTRY_A]),
    seen: (snap) => [snap.ledger.map((r) => r.rejectedEntries), snap.overview.declared.count],
  },
  {
    name: 'setLedgerDetails',
    prepare: withSubmitted,
    run: (s, before) => s.setLedgerDetails(before.ledger[0]!.id, '2026-05-01', 'DEC-9'),
    seen: (snap) => snap.ledger.map((r) => [r.submittedOn, r.claimNumber]),
  },
  {
    name: 'importBackup',
    prepare: withSubmitted,
    run: async (s) => {
      const backup = JSON.parse(await s.exportBackup().text()) as {
        ledger: { claimNumber?: string }[];
        profile: { role: string };
      };
      backup.ledger[0]!.claimNumber = 'DEC-9';
      backup.profile.role = 'broker';
      return s.importBackup(new File([JSON.stringify(backup)], 'backup.json'));
    },
    seen: (snap) => [snap.ledger.map((r) => r.claimNumber), snap.profile.role],
  },
  {
    name: 'deleteLedgerRecord',
    prepare: withSubmitted,
    run: (s, before) => s.deleteLedgerRecord(before.ledger[0]!.id),
    seen: (snap) => [snap.ledger.length, snap.overview.declared.count],
  },
];

describe('every mutation goes through the write path', () => {
  it.each(mutations.map((m) => [m.name, m] as const))(
    '%s: stores under the cross-tab lock, and the other tab sees the change',
    async (_name, m) => {
      const { a, b } = await twoTabs();
      const before = await m.prepare(a.s);
      await vi.waitFor(() => expect(m.seen(b.s.snapshot())).toEqual(m.seen(before)));
      const broadcasts = watchBroadcasts();
      a.disk.writes = 0;

      const after = snapshotOf(await m.run(a.s, before));

      expect(a.disk.writes).toBeGreaterThan(0);
      expect(a.disk.outsideLock).toBe(0);
      expect(m.seen(after)).not.toEqual(m.seen(before));
      expect(after.version).toBeGreaterThan(before.version);
      expect(broadcasts()).toBe(1);
      await vi.waitFor(() => expect(m.seen(b.told()!)).toEqual(m.seen(after)));
    },
  );

  it.each(mutations.map((m) => [m.name, m] as const))(
    '%s: a full disk is the storage-full result; memory and storage stay as they were and no tab is told',
    async (_name, m) => {
      const { a, name } = await twoTabs();
      const before = await m.prepare(a.s);
      const broadcasts = watchBroadcasts();
      a.disk.full = true;

      const result = await m.run(a.s, before);

      expect(result).toMatchObject({ kind: 'storage-full', message: expect.stringMatching(/^Storage full: /) });
      expect(content(a.s.snapshot())).toEqual(content(before));
      expect(broadcasts()).toBe(0);
      // What is stored: a tab opened now reads the state from before.
      a.disk.full = false;
      const fresh = await tab(name, testLock());
      expect(m.seen(fresh.s.snapshot())).toEqual(m.seen(before));
    },
  );

  it('invalid assumptions are refused as data before anything is stored', async () => {
    const { a } = await twoTabs();
    const before = await withFile(a.s);
    a.disk.writes = 0;
    expect(await a.s.setAssumptions({ ...before.assumptions, filingDate: '2026-02-30' })).toEqual({
      kind: 'invalid-input',
      message: 'Filing date must be a real date (YYYY-MM-DD), got "2026-02-30".',
    });
    const rateOverrides = [{ quarter: '2026Q2', corporate: '7%' }];
    expect(await a.s.setAssumptions({ ...before.assumptions, rateOverrides })).toEqual({
      kind: 'invalid-input',
      message: 'Rates for 2026Q2 must be percentages between 0 and 100.',
    });
    expect(a.disk.writes).toBe(0);
    expect(a.s.snapshot()).toEqual(before);
  });

  it('a new filing date alone is stored for this tab only: no other tab is told', async () => {
    const { a, b } = await twoTabs();
    const before = await withFile(a.s);
    const broadcasts = watchBroadcasts();
    const later = snapshotOf(await a.s.setAssumptions({ ...before.assumptions, filingDate: '2026-06-01' }));
    expect(later.assumptions.filingDate).toBe('2026-06-01');
    expect(broadcasts()).toBe(0);
    expect(b.s.snapshot().assumptions.filingDate).toBe(TODAY);
  });

  it('a change asked for during an import waits for it, then analyses the data with the file in', async () => {
    const { a } = await twoTabs();
    const { file: gated, release } = heldFile(twoEntries());
    const order: string[] = [];
    const importing = a.s.importFiles([gated], noProgress).then((r) => (order.push('import'), r));
    const profile = a.s
      .saveProfile({ ...a.s.snapshot().profile, role: 'broker' })
      .then((r) => (order.push('profile'), r));
    await new Promise((r) => setTimeout(r, 50));
    expect(order).toEqual([]);
    release();
    const [imported, saved] = await Promise.all([importing, profile]);
    expect(order).toEqual(['import', 'profile']);
    const snap = snapshotOf(saved);
    expect(snap.files.map((f) => f.name)).toEqual(['two.csv']);
    expect(snap.profile.role).toBe('broker');
    expect(snap.version).toBeGreaterThan(imported.snapshot.version);
  });
});
