/** The download files of one analysis version: entries CSV, row problems CSV, declarations (each and as a ZIP). */
import { clientListCsv } from '../../src/core/client-list';
import type { ExportFiles } from '../contract';
import type { LoadedFile } from '../ingest/import-file';
import { type DatasetState, measure } from './dataset-state';
import { declarationBlob, declarationsZip, entriesCsv, problemsCsv } from './exports';

export class Downloads {
  /** Kept while the loaded files stay the same. */
  private problemsCsv: { files: LoadedFile[]; blob: Blob } | null = null;

  constructor(private readonly data: DatasetState) {}

  /** The row problems CSV depends on the loaded files (and the entries not in the dataset they name, derived from them). */
  private problemsBlob(): Blob {
    const files = this.data.files;
    const cached = this.problemsCsv;
    if (cached && cached.files.length === files.length && cached.files.every((f, k) => f === files[k]))
      return cached.blob;
    this.problemsCsv = { files: [...files], blob: problemsCsv(files, this.data.filings) };
    return this.problemsCsv.blob;
  }

  /** Download files of the given analysis version; null when a newer analysis superseded it. */
  exportFiles(version: number): ExportFiles | null {
    const data = this.data;
    if (version !== data.version || !data.results) return null;
    const t0 = performance.now();
    const files = {
      version,
      entriesCsv: entriesCsv(data.table, data.results, data.rules, data.filings),
      problemsCsv: this.problemsBlob(),
      declarationsZip: declarationsZip(data.declarations, data.assumptions.filingDate),
      declarations: data.declarations.map((d) => ({ name: d.name, blob: declarationBlob(d) })),
    };
    measure('cape:exports', t0);
    return files;
  }

  /** The profile's client list as CSV (as stored: the saved profile). */
  clientListCsv(): Blob {
    return new Blob([clientListCsv(this.data.profile.clients)], { type: 'text/csv' });
  }
}
