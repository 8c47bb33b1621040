/**
 * The Rulebook screen's rule pack: the pack in force (its document to show, its exact bytes to
 * download), a pack file checked and previewed in the worker (what it changes, what it does to the
 * totals), then applied or cancelled. Applying and reverting are changes, so they go through the app
 * state's queue; the preview changes nothing.
 */
import type { RulepackDocument, RulepackPreview, RulepackRejected } from '../../workers/contract';
import type { AppState } from './app-state.svelte';
import { ReadSession } from './worker-reads';

type Changes = Pick<AppState, 'read' | 'report' | 'applyRulepack' | 'revertRulepack'>;

export class RulepackManager {
  /** The pack in force, and a link to its bytes. */
  document = $state.raw<RulepackDocument | null>(null);
  downloadUrl = $state<string | null>(null);
  /** A valid pack file waiting to be applied, or the problems of an invalid one. */
  preview = $state.raw<RulepackPreview | null>(null);
  rejected = $state.raw<RulepackRejected | null>(null);
  checking = $state(false);
  private readonly documents: ReadSession;
  private readonly previews: ReadSession;

  constructor(private readonly app: Changes) {
    this.documents = new ReadSession(app);
    this.previews = new ReadSession(app);
  }

  /** Read the pack in force when it is not the one shown (by SHA-256). */
  async show(sha256: string): Promise<void> {
    if (this.document?.sha256 === sha256) return;
    this.documents.restart();
    const answer = await this.documents.ask((w) => w.rulepackDocument());
    if (!answer) return;
    this.close();
    this.document = answer.value;
    this.downloadUrl = URL.createObjectURL(answer.value.file);
  }

  /** Revoke the download link (the screen is left). */
  close(): void {
    if (this.downloadUrl) URL.revokeObjectURL(this.downloadUrl);
    this.downloadUrl = null;
    this.document = null;
  }

  /** Validate a pack file in the worker and tell what it would change; nothing is applied. */
  async check(file: File): Promise<void> {
    this.checking = true;
    this.previews.restart();
    this.preview = null;
    this.rejected = null;
    try {
      const answer = await this.previews.ask((w) => w.previewRulepack(file));
      if (!answer) return;
      const r = answer.value;
      switch (r.kind) {
        case 'preview':
          this.preview = r.preview;
          return;
        case 'rejected':
          this.rejected = r;
          return;
        default:
          return r satisfies never;
      }
    } finally {
      this.checking = false;
    }
  }

  /** Put the previewed pack in force; an older pack than the built-in one needs `confirmOlder`. */
  async apply(confirmOlder: boolean): Promise<void> {
    const p = this.preview;
    if (!p) return;
    this.preview = null;
    await this.app.applyRulepack(p.sha256, confirmOlder);
  }

  async cancel(): Promise<void> {
    this.previews.restart();
    this.preview = null;
    this.rejected = null;
    await this.app.read((w) => w.cancelRulepack());
  }

  revert(): Promise<void> {
    return this.app.revertRulepack();
  }
}
