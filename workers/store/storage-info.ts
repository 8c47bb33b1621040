/** The "Your data" panel: space used and available, persistence (deleting everything: workers/workspace/workspaces.ts). */

export interface StorageInfo {
  usageBytes: number | null;
  quotaBytes: number | null;
  persisted: boolean | null;
  /** A Content-Security-Policy holds in the app's worker: the host sent it as a response header. */
  workerPolicy: boolean;
}

/**
 * Whether a Content-Security-Policy is in force in this worker. A worker takes its policy only from the
 * response headers of its own script (the page's <meta> policy does not reach it), so this tells whether
 * the host sends the policy as a header. The probe compiles a string as code, which the policy forbids
 * (no 'unsafe-eval'; the browser throws EvalError): it needs no network, unlike a forbidden request,
 * which would really leave the machine wherever no policy holds.
 */
export function workerPolicyInForce(): boolean {
  try {
    new Function('');
    return false;
  } catch (e) {
    return e instanceof EvalError;
  }
}

export async function storageInfo(): Promise<StorageInfo> {
  const storage = (globalThis.navigator as Navigator | undefined)?.storage;
  const workerPolicy = workerPolicyInForce();
  if (!storage) return { usageBytes: null, quotaBytes: null, persisted: null, workerPolicy };
  const [estimate, persisted] = await Promise.all([
    storage.estimate(),
    storage.persisted ? storage.persisted() : Promise.resolve(null),
  ]);
  return { usageBytes: estimate.usage ?? null, quotaBytes: estimate.quota ?? null, persisted, workerPolicy };
}
