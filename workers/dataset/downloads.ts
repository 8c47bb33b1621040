/** The download files of one analysis version: entries CSV, row problems CSV, declarations (each and as a ZIP). */
import type { ExportFiles } from '../contract';
import type { LoadedFile } from '../ingest/import-file';
import { type DatasetState, measure } from './dataset-state';
import { entriesCsv } from './entries-csv-writer';
import { declarationBytes, declarationsZip, problemsCsv } from './exports';

export class Downloads {
  /** The row problems CSV depends on the loaded files only: kept while they stay the same. */
  private problemsCsv: { files: LoadedFile[]; blob: Blob } | null = null;

  constructor(private readonly data: DatasetState) {}

  private problemsBlob(): Blob {
    const files = this.data.files;
    const cached = this.problemsCsv;
    if (cached && cached.files.length === files.length && cached.files.every((f, k) => f === files[k]))
      return cached.blob;
    this.problemsCsv = { files: [...files], blob: problemsCsv(files) };
    return this.problemsCsv.blob;
  }

  /** Download files of the given analysis version; null when a newer analysis superseded it. */
  exportFiles(version: number): ExportFiles | null {
    const data = this.data;
    if (version !== data.version || !data.results) return null;
    const t0 = performance.now();
    const bytes = declarationBytes(data.declarations);
    const files = {
      version,
      entriesCsv: entriesCsv(data.table, data.results),
      problemsCsv: this.problemsBlob(),
      declarationsZip: declarationsZip(data.declarations, bytes, data.assumptions.filingDate),
      declarations: data.declarations.map((d, k) => ({
        name: d.name,
        blob: new Blob([bytes[k]!], { type: 'text/csv' }),
      })),
    };
    measure('cape:exports', t0);
    return files;
  }
}
