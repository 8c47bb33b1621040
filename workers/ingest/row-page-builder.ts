/** Fills one RowPage at a time; full pages are handed out to be stored. */
import { PAGE_ROWS, type RowPage } from '../store/pages';

export class RowPageBuilder {
  private page: RowPage;
  private htsIndex = new Map<string, number>();
  private pageNo = 0;

  constructor(private readonly fileId: number) {
    this.page = this.fresh();
  }

  private fresh(): RowPage {
    this.htsIndex = new Map();
    return {
      fileId: this.fileId,
      page: this.pageNo++,
      count: 0,
      entry: new Float64Array(PAGE_ROWS),
      line: new Int32Array(PAGE_ROWS),
      ordinal: new Int32Array(PAGE_ROWS),
      hts: new Int32Array(PAGE_ROWS),
      htsDict: [],
      duty: new Float64Array(PAGE_ROWS),
      value: new Float64Array(PAGE_ROWS),
      sourceRow: new Int32Array(PAGE_ROWS),
      bad: new Uint8Array(PAGE_ROWS),
    };
  }

  /** Append a row; returns the page when it is full. */
  push(entry: number, line: number, ordinal: number, hts: string, duty: number, value: number, sourceRow: number, bad: boolean): RowPage | null {
    const p = this.page;
    const i = p.count++;
    p.entry[i] = entry;
    p.line[i] = line;
    p.ordinal[i] = ordinal;
    let h = this.htsIndex.get(hts);
    if (h === undefined) {
      h = p.htsDict.length;
      p.htsDict.push(hts);
      this.htsIndex.set(hts, h);
    }
    p.hts[i] = h;
    p.duty[i] = duty;
    p.value[i] = value;
    p.sourceRow[i] = sourceRow;
    p.bad[i] = bad ? 1 : 0;
    if (p.count < PAGE_ROWS) return null;
    this.page = this.fresh();
    return p;
  }

  /** The last, partly filled page (trimmed), or null when empty. */
  flush(): RowPage | null {
    const p = this.page;
    if (p.count === 0) return null;
    const n = p.count;
    this.page = this.fresh();
    return {
      ...p,
      entry: p.entry.slice(0, n),
      line: p.line.slice(0, n),
      ordinal: p.ordinal.slice(0, n),
      hts: p.hts.slice(0, n),
      duty: p.duty.slice(0, n),
      value: p.value.slice(0, n),
      sourceRow: p.sourceRow.slice(0, n),
      bad: p.bad.slice(0, n),
    };
  }
}
