/**
 * The databases of one copy of the app (`base`: its database name, workers/store/db.ts): one per
 * workspace, and the registry that lists them. The first workspace is the copy's database itself,
 * the one versions before workspaces kept all data in, so its data needs no copying; later ones
 * add ` #<id>`. A path never holds a space (URLs encode it), so no copy's names can be another's.
 */
export function workspaceDatabaseName(base: string, id: number): string {
  return id === FIRST_WORKSPACE_ID ? base : `${base} #${id}`;
}

export function registryDatabaseName(base: string): string {
  return `${base} workspaces`;
}

/** Whether `name` is one of this copy's databases (a workspace or the registry). */
export function isCopysDatabase(base: string, name: string): boolean {
  return name === base || name === registryDatabaseName(base) || new RegExp(`^${escape(base)} #\\d+$`).test(name);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export const FIRST_WORKSPACE_ID = 1;
