/** Reading the committed dataset back from IndexedDB, and discarding imports that never committed. */
import Dexie from 'dexie';
import { type CapeDb, deleteFileData } from '../store/db';
import type { LoadedFile } from '../ingest/import-file';

export async function loadCommittedFiles(db: CapeDb): Promise<LoadedFile[]> {
  const records = (await db.files.where('status').equals('committed').toArray()).sort((a, b) => a.order - b.order);
  return Promise.all(
    records.map(async (record) => {
      const id = record.id!;
      const range: [[number, unknown], [number, unknown]] = [
        [id, Dexie.minKey],
        [id, Dexie.maxKey],
      ];
      const [rowPages, attrPages, problems] = await Promise.all([
        db.rowPages.where('[fileId+page]').between(...range).toArray(),
        db.attrPages.where('[fileId+page]').between(...range).toArray(),
        db.problems.get(id),
      ]);
      return { record: { ...record, id }, rowPages, attrPages, problems: problems?.problems ?? [], problemTotal: problems?.total ?? 0 };
    }),
  );
}

/** Delete imports left 'staging' by a closed or reloaded tab; returns their file names. */
export async function discardStaging(db: CapeDb): Promise<string[]> {
  const staging = await db.files.where('status').equals('staging').toArray();
  for (const f of staging) await deleteFileData(db, f.id!);
  return staging.map((f) => f.name);
}
