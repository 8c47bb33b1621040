import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CapeDb, databaseName, thisCopysDatabaseName } from './db';

afterEach(() => vi.unstubAllGlobals());

/** Run as the worker script at `url` runs (its `location`). */
function asWorkerAt(url: string): void {
  vi.stubGlobal('location', { href: url });
}

describe('one database per copy of the app', () => {
  it('names the database after the app’s folder; the copy at the root keeps the name earlier versions used', () => {
    expect(databaseName('/')).toBe('cape-prep');
    expect(databaseName('/tools/cape-prep/')).toBe('cape-prep /tools/cape-prep/');
    asWorkerAt('https://example.org/assets/ingest.worker-DNV-yadl.js');
    expect(thisCopysDatabaseName()).toBe('cape-prep');
    asWorkerAt('https://example.org/tools/cape-prep/assets/ingest.worker-DNV-yadl.js');
    expect(thisCopysDatabaseName()).toBe('cape-prep /tools/cape-prep/');
    // The dev server serves the worker source from workers/ under the root.
    asWorkerAt('http://127.0.0.1:5173/workers/ingest.worker.ts?worker_file&type=module');
    expect(thisCopysDatabaseName()).toBe('cape-prep');
  });

  it('a user of the root copy finds the data an earlier version stored in "cape-prep"', async () => {
    const earlier = new CapeDb('cape-prep');
    await earlier.settings.put({ key: 'profile', value: { name: 'Acme' } });
    earlier.close();
    asWorkerAt('https://example.org/assets/ingest.worker-DNV-yadl.js');
    const now = new CapeDb();
    expect(now.name).toBe('cape-prep');
    expect(await now.settings.get('profile')).toEqual({ key: 'profile', value: { name: 'Acme' } });
    now.close();
  });
});
