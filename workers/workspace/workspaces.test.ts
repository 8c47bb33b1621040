import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { sourceFor } from '../ingest/import-file';
import { CapeDb } from '../store/db';
import type { Snapshot, WorkspaceResult } from '../contract';
import { newClient } from '../../src/core/profile';
import { csvText, fileOf, row, simpleEntry } from '../../tests/factories/es003';
import { updated } from '../../tests/factories/results';
import { Workspaces } from './workspaces';
import { registryDatabaseName } from './names';
import { SAMPLE_WORKSPACE_NAME } from './registry';

let copies = 0;
const opened: Workspaces[] = [];

/** A copy of the app under a base database name of its own (so tests share nothing). */
function copy(base = `ws-test-${++copies}`): { base: string; tab(): Workspaces } {
  return {
    base,
    tab() {
      const w = new Workspaces(base, sourceFor());
      opened.push(w);
      return w;
    },
  };
}

afterEach(() => {
  for (const w of opened.splice(0)) w.close();
});

const noProgress = () => undefined;
const ENTRY_A = 'B7603245278';
const ENTRY_B = 'ABC12345676';
const realFile = (entry = ENTRY_A, name = 'acme-es003.csv') => fileOf(csvText(simpleEntry(entry)), name);

async function names(): Promise<string[]> {
  return (await indexedDB.databases()).map((d) => d.name!).sort();
}

/** The three downloads of the open workspace, as text (the ZIP as bytes). */
async function exportsOf(w: Workspaces): Promise<string[]> {
  const s = w.service();
  const files = s.exportFiles(s.snapshot().version)!;
  return [
    await files.entriesCsv.text(),
    await files.problemsCsv.text(),
    Buffer.from(await files.declarationsZip.arrayBuffer()).toString('base64'),
  ];
}

const entriesOf = (s: Snapshot) => s.overview.entries;
const open = (r: WorkspaceResult) => updated(r).workspaces;

describe('workspaces', () => {
  it('data stored before workspaces is the first workspace, in place: nothing copied, nothing else created', async () => {
    const c = copy();
    const earlier = new CapeDb(c.base);
    await earlier.settings.put({
      key: 'profile',
      value: { role: 'broker', iorNumbers: [], filerCodes: ['B76'], iors: [] },
    });
    earlier.close();
    const w = c.tab();
    const before = await w.init('2026-05-04');
    expect(before.workspaces).toEqual({ open: 1, list: [{ id: 1, name: 'My data', sample: false }] });
    expect(before.profile).toEqual({ role: 'broker', clients: [], filerCodes: ['B76'] });
    const { snapshot } = await w.importFiles([realFile()], noProgress);
    expect(entriesOf(snapshot)).toBe(1);
    expect((await names()).filter((n) => n.startsWith(c.base))).toEqual([c.base]);
    // A second tab (or the next start) finds the same.
    const again = await c.tab().init('2026-05-04');
    expect(entriesOf(again)).toBe(1);
  });

  it('the sample is a workspace of its own: opened twice, loaded once; files dropped there go to a real workspace, which says so', async () => {
    const w = copy().tab();
    await w.init('2026-05-04');
    const first = await w.openSample(noProgress);
    // The sample's ES-003 file, its CAPE results file and its payments file.
    expect(first.outcomes.map((o) => o.kind)).toEqual(['imported', 'imported', 'imported']);
    const sample = first.snapshot.workspaces.list.find((x) => x.sample)!;
    expect(sample.name).toBe(SAMPLE_WORKSPACE_NAME);
    expect(first.snapshot.workspaces.open).toBe(sample.id);
    const sampleEntries = entriesOf(first.snapshot);
    expect(sampleEntries).toBeGreaterThan(2000);
    const second = await w.openSample(noProgress);
    expect(second.outcomes).toEqual([]);
    expect(second.snapshot.files).toHaveLength(3);

    // The first real file goes to the (empty) first workspace, at the date shown, and the app says so.
    updated(await w.service().setAssumptions({ ...second.snapshot.assumptions, filingDate: '2026-06-01' }));
    const dropped = await w.importFiles([realFile()], noProgress);
    expect(dropped.snapshot.workspaces.open).toBe(1);
    expect(dropped.snapshot.assumptions.filingDate).toBe('2026-06-01');
    expect(entriesOf(dropped.snapshot)).toBe(1);
    expect(dropped.snapshot.notices.join(' ')).toContain('The sample stays apart');
    expect(dropped.snapshot.notices.join(' ')).toContain('“My data”');
    expect(await exportsOf(w).then((e) => e[0]!.split('\r\n').length - 2)).toBe(1);

    // The sample still holds the sample only; a file dropped now opens a new workspace (the real one has data).
    const back = await w.openSample(noProgress);
    expect(back.outcomes).toEqual([]);
    expect(entriesOf(back.snapshot)).toBe(sampleEntries);
    const next = await w.importFiles([realFile(ENTRY_B, 'globex.csv')], noProgress);
    expect(next.snapshot.workspaces.list.map((x) => x.name)).toEqual(['My data', SAMPLE_WORKSPACE_NAME, 'globex']);
    expect(next.snapshot.workspaces.open).toBe(next.snapshot.workspaces.list[2]!.id);
    expect(entriesOf(next.snapshot)).toBe(1);

    // Left with one call: the last real workspace opened.
    await w.openSample(noProgress);
    expect(open(await w.leaveSample()).open).toBe(next.snapshot.workspaces.open);
  });

  it('each workspace keeps its own profile and this tab’s filing date; switching closes one and opens the other', async () => {
    const w = copy().tab();
    await w.init('2026-05-04');
    await w.importFiles([realFile()], noProgress);
    updated(await w.service().saveProfile({ role: 'importer', filerCodes: [], clients: [newClient('98-7654321-00')] }));
    const b = updated(await w.create('Client B'));
    expect(b.files).toEqual([]);
    expect(b.profile.clients).toEqual([]);
    // A new workspace starts at the date shown; each keeps its own afterwards.
    expect(b.assumptions.filingDate).toBe('2026-05-04');
    await w.importFiles([realFile()], noProgress);
    updated(await w.service().setAssumptions({ ...w.service().snapshot().assumptions, filingDate: '2026-07-01' }));
    const a = updated(await w.open(1));
    expect(a.assumptions.filingDate).toBe('2026-05-04');
    expect(a.overview.segments.find((s) => s.segment === 'NOT_ELIGIBLE')!.count).toBe(1); // NOT_AUTHORIZED
    const again = updated(await w.open(b.workspaces.open));
    expect(again.assumptions.filingDate).toBe('2026-07-01');
    expect(again.overview.declared.count).toBe(1);
  });

  it('create, rename and names: unique, not empty; the sample keeps its name', async () => {
    const w = copy().tab();
    await w.init('2026-05-04');
    expect(open(await w.create('  Acme  ')).list.map((x) => x.name)).toEqual(['My data', 'Acme']);
    expect(await w.create('acme')).toMatchObject({
      kind: 'invalid-input',
      message: 'A workspace named “acme” exists already.',
    });
    expect(await w.create(' ')).toMatchObject({ kind: 'invalid-input' });
    expect(open(await w.rename(1, 'Globex')).list.map((x) => x.name)).toEqual(['Globex', 'Acme']);
    const s = await w.openSample(noProgress);
    const sampleId = s.snapshot.workspaces.open;
    expect(await w.rename(sampleId, 'Mine')).toMatchObject({ kind: 'invalid-input' });
    expect(await w.duplicate(sampleId)).toMatchObject({ kind: 'invalid-input' });
  });

  it('duplicate copies every table; deleting one workspace leaves the other byte for byte', async () => {
    const c = copy();
    const w = c.tab();
    await w.init('2026-05-04');
    await w.importFiles([realFile(), realFile(ENTRY_B, 'two.csv')], noProgress);
    updated(
      await w
        .service()
        .saveProfile({ role: 'broker', filerCodes: ['B76'], clients: [newClient('12-3456789-00', 'Acme')] }),
    );
    const snap = w.service().snapshot();
    updated(await w.service().markSubmitted([snap.declarations[0]!.name]));
    const original = await exportsOf(w);
    const copyOf = updated(await w.duplicate(1));
    expect(copyOf.workspaces.list.map((x) => x.name)).toEqual(['My data', 'My data (copy)']);
    expect(await exportsOf(w)).toEqual(original);
    expect(copyOf.ledger).toHaveLength(1);
    expect(copyOf.profile.clients[0]!.name).toBe('Acme');

    const rawOf = async (name: string) => {
      const db = new CapeDb(name);
      const out = await Promise.all(db.tables.map((t) => t.toArray()));
      db.close();
      return out;
    };
    const dupName = `${c.base} #${copyOf.workspaces.open}`;
    const before = await rawOf(dupName);
    const after = open(await w.remove(1));
    expect(after).toEqual({
      open: copyOf.workspaces.open,
      list: [{ id: copyOf.workspaces.open, name: 'My data (copy)', sample: false }],
    });
    expect(await rawOf(dupName)).toEqual(before);
    expect(await exportsOf(w)).toEqual(original);
    expect(await names()).not.toContain(c.base);
  });

  it('"Delete all local data" removes every workspace of this copy and its list, and no other copy’s', async () => {
    const other = copy();
    const o = other.tab();
    await o.init('2026-05-04');
    await o.importFiles([realFile()], noProgress);
    const c = copy(`${other.base} /sub/`);
    const w = c.tab();
    await w.init('2026-05-04');
    await w.importFiles([realFile()], noProgress);
    await w.create('Second');
    await w.openSample(noProgress);
    expect((await names()).filter((n) => n.startsWith(c.base))).toHaveLength(4);
    const empty = await w.deleteAll('2026-05-04');
    expect(empty.files).toEqual([]);
    expect(empty.workspaces.list).toHaveLength(1);
    expect((await names()).filter((n) => n.startsWith(c.base))).toEqual([]);
    expect(await names()).toContain(other.base);
    expect(entriesOf(await other.tab().init('2026-05-04'))).toBe(1);
  });

  it('another tab follows a rename, and moves on when its open workspace is deleted', async () => {
    const c = copy();
    const a = c.tab();
    await a.init('2026-05-04');
    const second = open(await a.create('Second')).open;
    const b = c.tab();
    const seen: Snapshot[] = [];
    b.subscribe((s) => seen.push(s));
    expect((await b.init('2026-05-04')).workspaces.open).toBe(second);
    // Another tab opening a workspace tells this one nothing; a rename shows.
    await a.open(1);
    await a.rename(1, 'First');
    await expect.poll(() => seen.at(-1)?.workspaces.list[0]?.name).toBe('First');
    expect(seen).toHaveLength(1);
    await a.remove(second);
    await expect.poll(() => seen.at(-1)?.workspaces.open).toBe(1);
    expect(seen.at(-1)!.notices.join(' ')).toContain('deleted in another tab');
  });

  it('a registry is stored only once a workspace is created or opened', async () => {
    const c = copy();
    const w = c.tab();
    await w.init('2026-05-04');
    expect(await Dexie.exists(registryDatabaseName(c.base))).toBe(false);
    await w.create('Two');
    expect(await Dexie.exists(registryDatabaseName(c.base))).toBe(true);
  });
});

describe('workspace backups', () => {
  async function withData(): Promise<{ w: Workspaces; base: string }> {
    const c = copy();
    const w = c.tab();
    await w.init('2026-05-04');
    const text = csvText([
      ...simpleEntry(ENTRY_A),
      row({ entry: ENTRY_B, hts: '99030125', duty: 'N/A' }),
      row({
        entry: 'SP700000014',
        importer: '98-7654321-00',
        name: 'Müller GmbH',
        hts: '99030125',
        duty: '12.34',
        value: '',
      }),
    ]);
    await w.importFiles([fileOf(text, 'mixed.csv')], noProgress);
    updated(
      await w.service().saveProfile({
        role: 'importer',
        filerCodes: [],
        clients: [{ ...newClient('12-3456789-00', 'Acme'), taxpayerType: 'non_corporate' }],
      }),
    );
    updated(await w.service().markSubmitted([w.service().snapshot().declarations[0]!.name]));
    return { w, base: c.base };
  }

  it('round-trips to byte-identical exports as a new workspace', async () => {
    const { w } = await withData();
    const original = await exportsOf(w);
    const originalSnap = w.service().snapshot();
    const backup = await w.backup(1);
    if ('kind' in backup) throw new Error(backup.message);
    expect(backup.fileName).toBe('My data — CAPE Prep backup 2026-05-04.zip');
    const restored = updated(await w.restore(new File([backup.blob], backup.fileName)));
    expect(restored.workspaces.list.map((x) => x.name)).toEqual(['My data', 'My data (2)']);
    expect(restored.workspaces.open).not.toBe(1);
    expect(await exportsOf(w)).toEqual(original);
    expect(restored.profile).toEqual(originalSnap.profile);
    expect(restored.ledger.map((l) => l.name)).toEqual(originalSnap.ledger.map((l) => l.name));
    expect(restored.files.map((f) => f.report)).toEqual(originalSnap.files.map((f) => f.report));
  });

  it.each([
    ['not a ZIP', () => new Blob(['Entry Number\r\n']), /not a ZIP archive/],
    ['cut short', (b: Blob) => b.slice(0, b.size - 100), /not a ZIP archive, or it is cut short/],
    [
      'damaged',
      async (b: Blob) => {
        const bytes = new Uint8Array(await b.arrayBuffer());
        const { unzipSync, zipSync } = await import('fflate');
        const parts = unzipSync(bytes);
        const data = parts['data.bin']!;
        data[100] = data[100]! ^ 0xff;
        return new Blob([zipSync(parts) as Uint8Array<ArrayBuffer>]);
      },
      /do not match their checksums/,
    ],
    [
      'from a newer version',
      async (b: Blob) => {
        const { strFromU8, strToU8, unzipSync, zipSync } = await import('fflate');
        const parts = unzipSync(new Uint8Array(await b.arrayBuffer()));
        const m = JSON.parse(strFromU8(parts['manifest.json']!)) as { database: { version: number } };
        m.database.version = 99;
        parts['manifest.json'] = strToU8(JSON.stringify(m));
        return new Blob([zipSync(parts) as Uint8Array<ArrayBuffer>]);
      },
      /newer version of CAPE Prep/,
    ],
  ])('a bad backup (%s) changes nothing and says why', async (_label, spoil, why) => {
    const { w, base } = await withData();
    const backup = await w.backup(1);
    if ('kind' in backup) throw new Error(backup.message);
    const before = { list: w.view(), dbs: await names(), exports: await exportsOf(w) };
    const result = await w.restore(new File([await spoil(backup.blob)], 'spoilt.zip'));
    expect(result.kind).toBe('rejected');
    if (result.kind === 'rejected') {
      expect(result.message).toMatch(why);
      expect(result.message).toMatch(/Nothing was changed\.$/);
    }
    expect(w.view()).toEqual(before.list);
    expect((await names()).filter((n) => n.startsWith(base))).toEqual(before.dbs.filter((n) => n.startsWith(base)));
    expect(await exportsOf(w)).toEqual(before.exports);
  });
});
