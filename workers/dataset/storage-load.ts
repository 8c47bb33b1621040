/** Reading the committed dataset back from IndexedDB, and discarding imports that never committed. */
import Dexie from 'dexie';
import { type CapeDb, deleteFileData } from '../store/db';
import type { LoadedFile } from '../ingest/import-file';

/**
 * The committed files in dataset order. A committed file never changes in storage, so files already
 * in memory (`known`, same id and import time) are kept as they are and only new ones are read: an
 * import into a large dataset does not re-read every stored page.
 */
export async function loadCommittedFiles(db: CapeDb, known: readonly LoadedFile[] = []): Promise<LoadedFile[]> {
  const records = (await db.files.where('status').equals('committed').toArray()).sort((a, b) => a.order - b.order);
  const inMemory = new Map(known.map((f) => [f.record.id, f]));
  return Promise.all(
    records.map(async (record) => {
      const id = record.id!;
      const kept = inMemory.get(id);
      if (kept && kept.record.importedAt === record.importedAt) return kept;
      const range: [[number, unknown], [number, unknown]] = [
        [id, Dexie.minKey],
        [id, Dexie.maxKey],
      ];
      const [rowPages, attrPages, eventPages, problems] = await Promise.all([
        db.rowPages
          .where('[fileId+page]')
          .between(...range)
          .toArray(),
        db.attrPages
          .where('[fileId+page]')
          .between(...range)
          .toArray(),
        db.eventPages
          .where('[fileId+page]')
          .between(...range)
          .toArray(),
        db.problems.get(id),
      ]);
      return {
        record: { ...record, id },
        rowPages,
        attrPages,
        eventPages,
        problems: problems?.problems ?? [],
        problemTotal: problems?.total ?? 0,
      };
    }),
  );
}

/** Delete imports left 'staging' by a closed or reloaded tab; returns their file names. */
export async function discardStaging(db: CapeDb): Promise<string[]> {
  const staging = await db.files.where('status').equals('staging').toArray();
  for (const f of staging) await deleteFileData(db, f.id!);
  return staging.map((f) => f.name);
}
