/**
 * The digest worker: a dropped file's SHA-256, on a core of its own while the dataset worker parses
 * the same file.
 */
import * as Comlink from 'comlink';
import { bytesToHex } from '@noble/hashes/utils.js';
import { sha256OfFile } from './ingest/file-digest';

/**
 * Files up to this size (bytes) are hashed whole by WebCrypto: native, ~0.1 s for 150 MB against
 * ~1.6 s streamed through @noble/hashes (measured in Node), which competed with the parse for the
 * machine's cores. The file's bytes are held here only while hashed, at the start of the import, well
 * before its own memory peaks; larger files, and pages without WebCrypto (plain HTTP), are streamed.
 */
const WHOLE_FILE_LIMIT = 512 * 1024 * 1024;

async function sha256Hex(file: File): Promise<string> {
  const subtle = globalThis.crypto?.subtle as SubtleCrypto | undefined;
  if (subtle && file.size <= WHOLE_FILE_LIMIT)
    return bytesToHex(new Uint8Array(await subtle.digest('SHA-256', await file.arrayBuffer())));
  return sha256OfFile(file);
}

export const digestApi = { sha256Hex };

Comlink.expose(digestApi);
