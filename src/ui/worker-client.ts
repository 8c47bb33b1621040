/** The one connection from the UI to the app worker: a comlink proxy typed from the worker's own API. */
import * as Comlink from 'comlink';
import type { IngestApi } from '../../workers/ingest.worker';

export type WorkerApi = Comlink.Remote<IngestApi>;

export function connectWorker(): WorkerApi {
  const worker = new Worker(new URL('../../workers/ingest.worker.ts', import.meta.url), {
    type: 'module',
    name: 'cape-prep',
  });
  return Comlink.wrap<IngestApi>(worker);
}

export const proxy = Comlink.proxy;
