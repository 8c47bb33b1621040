/**
 * The download files of one analysis version: entries CSV, row problems CSV, declarations (each and
 * as a ZIP). Built when the UI asks for them (a download clicked, a screen of downloads shown), or
 * once the worker has been idle for a moment after an analysis, so they are ready when a user who
 * paused asks, and a user stepping through what-ifs never waits for them.
 */
import { clientListCsv } from '../../src/core/client-list';
import type { ExportFiles } from '../contract';
import type { LoadedFile } from '../ingest/import-file';
import { type DatasetState, measure } from './dataset-state';
import { entriesCsv } from './entries-csv-writer';
import { declarationsZip, problemsCsv } from './exports';

/** How long the worker waits after an analysis before building its downloads unasked, ms. */
const PREPARE_IDLE_MS = 600;

/** A declaration file's bytes and its download. */
interface DeclarationDownload {
  bytes: Uint8Array<ArrayBuffer>;
  blob: Blob;
}

export class Downloads {
  /** Kept while the loaded files stay the same. */
  private problemsCsv: { files: LoadedFile[]; blob: Blob } | null = null;
  /** The files of the latest version built. */
  private built: ExportFiles | null = null;
  private pending: ReturnType<typeof setTimeout> | null = null;
  /**
   * Declaration files by content: a what-if renames them (the filing date is in the name) but most
   * keep their entries, so their bytes and downloads are reused.
   */
  private declarationsByContent = new Map<string, DeclarationDownload>();

  constructor(private readonly data: DatasetState) {}

  /**
   * Build the files of `version` after PREPARE_IDLE_MS without another analysis: at 1M rows they take
   * ~230 ms, which a what-if asked for right after the last one would otherwise wait behind.
   */
  prepare(version: number): void {
    if (this.pending !== null) clearTimeout(this.pending);
    this.pending = setTimeout(() => {
      this.pending = null;
      this.exportFiles(version);
    }, PREPARE_IDLE_MS);
  }

  /** Each declaration file's bytes and download, made anew only for content not seen in the last build. */
  private declarationDownloads(): DeclarationDownload[] {
    const enc = new TextEncoder();
    const previous = this.declarationsByContent;
    const next = new Map<string, DeclarationDownload>();
    const out = this.data.declarations.map((d) => {
      let dl = next.get(d.content) ?? previous.get(d.content);
      if (!dl) {
        const bytes = enc.encode(d.content);
        dl = { bytes, blob: new Blob([bytes], { type: 'text/csv' }) };
      }
      next.set(d.content, dl);
      return dl;
    });
    this.declarationsByContent = next;
    return out;
  }

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
    if (this.built?.version === version) return this.built;
    const t0 = performance.now();
    const declarations = this.declarationDownloads();
    const files = {
      version,
      entriesCsv: entriesCsv(data.table, data.results, data.rules, data.filings),
      problemsCsv: this.problemsBlob(),
      declarationsZip: declarationsZip(
        data.declarations,
        declarations.map((d) => d.bytes),
        data.assumptions.filingDate,
      ),
      declarations: data.declarations.map((d, k) => ({ name: d.name, blob: declarations[k]!.blob })),
    };
    measure('cape:exports', t0);
    this.built = files;
    return files;
  }

  /** The profile's client list as CSV (as stored: the saved profile). */
  clientListCsv(): Blob {
    return new Blob([clientListCsv(this.data.profile.clients)], { type: 'text/csv' });
  }
}
