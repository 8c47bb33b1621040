import type { TestProject } from 'vitest/node';
import { serveStatic } from '../../scripts/serve-static.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** Serve the build for the whole run (`npm test` builds dist/ first; E2E_DIST points elsewhere). */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { server, url } = await serveStatic(process.env.E2E_DIST ?? 'dist', 0);
  project.provide('baseUrl', url);
  return () => new Promise<void>((ok) => server.close(() => ok()));
}
