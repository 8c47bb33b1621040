/** The Workspaces screen's reads: files and rows of each workspace, and a workspace's backup file. */
import type { WorkspaceBackup, WorkspaceSummary } from '../../workers/contract';
import { ReadSession, type WorkerReads } from './worker-reads';

export class WorkspaceList {
  summaries = $state.raw<Map<number, WorkspaceSummary>>(new Map());
  private readonly session: ReadSession;

  constructor(private readonly reads: WorkerReads) {
    this.session = new ReadSession(reads);
  }

  async refresh(): Promise<void> {
    this.session.restart();
    const answer = await this.session.ask((w) => w.workspaceSummaries());
    if (answer) this.summaries = new Map(answer.value.map((s) => [s.id, s]));
  }

  /** A workspace's backup file; null when it could not be made (the reason is shown). */
  async backup(id: number): Promise<WorkspaceBackup | null> {
    const answer = await this.reads.read((w) => w.backupWorkspace(id));
    if (answer.kind !== 'answered') return null;
    if ('kind' in answer.value) {
      this.reads.report(answer.value);
      return null;
    }
    return answer.value;
  }
}
