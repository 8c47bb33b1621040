/** An entry table in memory from ES-003 rows (no IndexedDB), read by the real row reader. */
import { mapHeaders } from '../../src/core/header-mapping';
import { type EntryTable, buildEntryTable } from '../../workers/dataset/entry-table';
import type { LoadedFile } from '../../workers/ingest/import-file';
import { RowReader } from '../../workers/ingest/row-reader';
import { rules } from './entries';
import { HEADER } from './es003';

/** One committed ES-003 file of `rows` (under HEADER), as the dataset holds it. */
export function loadedFile(rows: string[][], id = 1): LoadedFile {
  const reader = new RowReader(id, HEADER, mapHeaders(HEADER), 'es003');
  const rowPages = [...reader.read(rows, 2), ...reader.finish()];
  const record = { id, name: `es003-${id}.csv`, order: id, report: { kind: 'es003' } } as LoadedFile['record'];
  return {
    record,
    rowPages,
    attrPages: reader.attrs.pages(id),
    eventPages: [],
    problems: reader.problems,
    problemTotal: 0,
  };
}

export function tableOf(rows: string[][]): EntryTable {
  return buildEntryTable([loadedFile(rows)], rules);
}
