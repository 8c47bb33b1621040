/**
 * The list of this copy's workspaces (names, which is the sample, which was open last), kept in a
 * small database of its own and shared by every tab. It is written only when a workspace is created,
 * renamed, opened, duplicated or deleted: until then the copy has one implicit workspace, its own
 * database (so data stored before workspaces existed is the first workspace, and a fresh visit or
 * "Delete all local data" creates nothing more). Every change is one read-modify-write transaction and
 * is announced to the other tabs.
 */
import Dexie, { type Table } from 'dexie';
import { FIRST_WORKSPACE_ID, registryDatabaseName } from './names';

export interface WorkspaceRecord {
  id: number;
  name: string;
  /** The built-in sample's workspace: fictitious importers, never mixed with real files. */
  sample: boolean;
  /** ISO time it was last opened (in any tab); '' never. */
  openedAt: string;
}

export interface RegistryState {
  /** Ids are never given twice, so a workspace's database name is never reused. */
  nextId: number;
  /** The workspace opened last: a tab starting up opens it. */
  openId: number;
  workspaces: WorkspaceRecord[];
}

/** What a workspace is called before the user names it: the copy's first, and later ones by number. */
export const FIRST_WORKSPACE_NAME = 'My data';
export const SAMPLE_WORKSPACE_NAME = 'Sample data — fictitious importers';

export function implicitRegistry(): RegistryState {
  return {
    nextId: FIRST_WORKSPACE_ID + 1,
    openId: FIRST_WORKSPACE_ID,
    workspaces: [{ id: FIRST_WORKSPACE_ID, name: FIRST_WORKSPACE_NAME, sample: false, openedAt: '' }],
  };
}

class RegistryDb extends Dexie {
  state!: Table<{ key: string; value: RegistryState }, string>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ state: 'key' });
  }
}

const KEY = 'registry';

export function registryChannelName(base: string): string {
  return `cape-prep-workspaces:${base}`;
}

/**
 * The registry of one copy. Its database is opened for each read or change and closed at once: changes
 * are rare, and a connection kept open would have to follow another tab deleting it.
 */
export class Registry {
  private readonly channel: BroadcastChannel | null;

  constructor(private readonly base: string) {
    this.channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(registryChannelName(base));
  }

  get name(): string {
    return registryDatabaseName(this.base);
  }

  /** The stored list, or the implicit one while nothing was stored; never creates the database. */
  async read(): Promise<RegistryState> {
    if (!(await Dexie.exists(this.name))) return implicitRegistry();
    return this.with(async (db) => (await db.state.get(KEY))?.value ?? implicitRegistry());
  }

  /** Change the list in one transaction (`change` edits it in place); other tabs are told. */
  async update<T>(change: (s: RegistryState) => T): Promise<{ state: RegistryState; result: T }> {
    const out = await this.with((db) =>
      db.transaction('rw', db.state, async () => {
        const state = (await db.state.get(KEY))?.value ?? implicitRegistry();
        const result = change(state);
        await db.state.put({ key: KEY, value: state });
        return { state, result };
      }),
    );
    this.channel?.postMessage({ type: 'workspaces' });
    return out;
  }

  /** Called when another tab changed the list. */
  onChange(fn: () => void): void {
    if (this.channel) this.channel.onmessage = fn;
  }

  /** Delete the list (after every workspace's database); the other tabs are told. */
  async delete(): Promise<void> {
    await Dexie.delete(this.name);
    this.channel?.postMessage({ type: 'workspaces' });
  }

  close(): void {
    this.channel?.close();
  }

  private async with<T>(use: (db: RegistryDb) => Promise<T>): Promise<T> {
    const db = new RegistryDb(this.name);
    try {
      return await use(db);
    } finally {
      db.close();
    }
  }
}
