import type { Server } from 'node:http';

export interface HeaderRule {
  pattern: RegExp;
  headers: [name: string, value: string][];
}

export function parseHeadersFile(text: string): HeaderRule[];
export function headersFor(rules: HeaderRule[], path: string): Record<string, string>;

export function serveStatic(
  dir: string,
  port?: number,
  options?: { base?: string; headers?: boolean },
): Promise<{ server: Server; url: string }>;
