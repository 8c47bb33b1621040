/**
 * The mapping screen's state: a file's first rows, which of them is the header, and the column the
 * user gives each field (required ones first). Importing with the choice re-reads the file with it;
 * the worker remembers it for files with the same header row.
 */
import type { ColumnChoice, ColumnPreview } from '../../workers/contract';
import {
  type ChosenColumns,
  FIELDS,
  type Field,
  REQUIRED_FIELDS,
  chosenMapping,
  classifyMapping,
  fieldHeader,
  mapHeaders,
  missingRequired,
} from '../core/header-mapping';
import { ReadSession, type WorkerReads } from './worker-reads';

/** Sample values shown per column. */
const SAMPLES = 3;

export class ColumnMapper {
  preview = $state.raw<ColumnPreview | null>(null);
  headerIndex = $state(0);
  columns = $state.raw<ChosenColumns>({});
  loading = $state(false);
  /** The loaded file this mapping replaces, if it maps one again. */
  private replaces: number | null = null;
  private file: File | null = null;
  private readonly session: ReadSession;

  constructor(
    private readonly reads: WorkerReads,
    private readonly importWith: (file: File, choice: ColumnChoice) => Promise<void>,
  ) {
    this.session = new ReadSession(reads);
  }

  /** Open the screen for `file`; `replaces` is the id of the loaded file it would replace. */
  async open(file: File, replaces: number | null = null): Promise<void> {
    this.session.restart();
    this.loading = true;
    try {
      const answer = await this.session.ask((w) => w.previewColumns(file));
      if (!answer) return;
      const r = answer.value;
      switch (r.kind) {
        case 'preview':
          this.file = file;
          this.replaces = replaces;
          this.preview = r.preview;
          this.headerIndex = r.preview.headerIndex;
          this.columns = r.preview.columns;
          return;
        case 'rejected':
          return this.reads.report(r);
        default:
          return r satisfies never;
      }
    } finally {
      this.loading = false;
    }
  }

  close(): void {
    this.session.restart();
    this.preview = null;
    this.file = null;
  }

  get headers(): string[] {
    return this.preview?.rows[this.headerIndex]?.cells ?? [];
  }

  /** Every field, the required ones first, with the header messages name it by. */
  get fields(): { field: Field; header: string; required: boolean }[] {
    return FIELDS.map((field) => ({ field, header: fieldHeader(field), required: REQUIRED_FIELDS.includes(field) }));
  }

  /** The header row is another row: its columns as their headers map them. */
  pickHeader(index: number): void {
    this.headerIndex = index;
    this.columns = mapHeaders(this.headers).columns;
  }

  /** Give `field` the column at `index` (null: none); a column read as another field is taken from it. */
  choose(field: Field, index: number | null): void {
    const next: ChosenColumns = {};
    for (const [f, i] of Object.entries(this.columns) as [Field, number][]) if (f !== field && i !== index) next[f] = i;
    if (index !== null) next[field] = index;
    this.columns = next;
  }

  /** The first non-blank values of column `index` under the header. */
  samples(index: number): string[] {
    const rows = this.preview?.rows.slice(this.headerIndex + 1) ?? [];
    return rows
      .map((r) => r.cells[index] ?? '')
      .filter((v) => v.trim() !== '')
      .slice(0, SAMPLES);
  }

  /** What the chosen columns read the file as: an ES-003, an entry-status file, or nothing yet (with the missing fields). */
  get verdict(): { kind: 'es003' | 'status' } | { kind: null; missing: string[] } {
    const m = chosenMapping(this.headers, this.columns);
    const kind = classifyMapping(m);
    return kind ? { kind } : { kind: null, missing: missingRequired(m).map(fieldHeader) };
  }

  /** Import the file with these columns; the screen closes. */
  async apply(): Promise<void> {
    const file = this.file;
    if (!file || this.verdict.kind === null) return;
    const choice: ColumnChoice = { headers: [...this.headers], columns: { ...this.columns } };
    if (this.replaces !== null) choice.replaces = this.replaces;
    this.close();
    await this.importWith(file, choice);
  }
}
