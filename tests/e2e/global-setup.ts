import type { TestProject } from 'vitest/node';
import { serveStatic } from '../../scripts/serve-static.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** Serve dist/ for the whole run; `npm test` builds it first. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { server, url } = await serveStatic('dist', 0);
  project.provide('baseUrl', url);
  return () => new Promise<void>((ok) => server.close(() => ok()));
}
