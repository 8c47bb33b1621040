/** Copying a workspace's database record for record (duplicate, restore): every table, whatever it holds. */
import type Dexie from 'dexie';

/** Records per read and write: row pages are ~1 MB each, so a few at a time keep memory flat. */
const COPY_RECORDS = 16;

/**
 * Copy every table of `from` into the same tables of `to`, keys included. Tables are found from the
 * database itself, so a table or field added later is copied without a change here.
 */
export async function copyDatabase(from: Dexie, to: Dexie): Promise<void> {
  for (const table of from.tables) {
    const target = to.table(table.name);
    const keys = await table.toCollection().primaryKeys();
    for (let i = 0; i < keys.length; i += COPY_RECORDS) {
      const chunk = keys.slice(i, i + COPY_RECORDS);
      const records = await table.bulkGet(chunk);
      // Inbound keys (a keyPath) travel inside the records; outbound ones are passed alongside.
      if (table.schema.primKey.keyPath) await target.bulkPut(records);
      else await target.bulkPut(records, chunk);
    }
  }
}

/** A table's Dexie schema string ('++id, status'), as `version().stores()` takes it. */
export function schemaOf(db: Dexie): Record<string, string> {
  return Object.fromEntries(
    db.tables.map((t) => [t.name, [t.schema.primKey.src, ...t.schema.indexes.map((i) => i.src)].join(', ')]),
  );
}
