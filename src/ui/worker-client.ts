/** The one connection from the UI to the dataset worker: a comlink proxy typed from the worker's own API. */
import * as Comlink from 'comlink';
import type { DatasetApi } from '../../workers/contract';

export type WorkerApi = Comlink.Remote<DatasetApi>;

export function connectWorker(): WorkerApi {
  const worker = new Worker(new URL('../../workers/dataset.worker.ts', import.meta.url), {
    type: 'module',
    name: 'cape-prep',
  });
  return Comlink.wrap<DatasetApi>(worker);
}

export const proxy = Comlink.proxy;
