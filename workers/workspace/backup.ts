/**
 * A workspace as one backup file: every table of its database (files with their stored pages,
 * settings — profile, assumptions and whatever else is kept there —, the ledger), found from the
 * database itself, so a table or field added later travels without a change here. Loaded on first
 * use, not with the app.
 *
 * Our own small format rather than dexie-export-import: the pages are typed arrays, which that
 * library writes as base64 inside JSON (a third larger; its export of 31 row pages of 32,768 rows
 * took 1.7 s in Node and made 36.6 MB of JSON from ~27 MB of arrays), and its import needs
 * `FileReader` and `self`, so it cannot run in the Node tests. Here the arrays are kept as their raw
 * bytes (exact: NaN payloads and -0 included) in `data.bin`, the records as JSON in `records.json`,
 * and `manifest.json` says what the file is, the database schema it came from and the CRC-32 of both
 * parts; the three are one ZIP (fflate, already in the app). Reading checks everything before
 * anything is written, and says why a file is refused.
 */
import Dexie from 'dexie';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Rejected } from '../contract';
import { crc32 } from './crc32';
import { schemaOf } from './copy-database';

export const BACKUP_FORMAT = 'cape-prep-workspace-backup';
export const BACKUP_FORMAT_VERSION = 1;

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  workspace: { name: string; sample: boolean };
  /** The database the records came from: its Dexie version and table schemas. */
  database: { version: number; tables: Record<string, string> };
  /** Records per table. */
  records: Record<string, number>;
  crc32: { records: number; data: number };
}

export interface Backup {
  manifest: BackupManifest;
  tables: Record<string, unknown[]>;
}

const TYPED = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
} as const;
type TypedName = keyof typeof TYPED;

/** Stored values JSON cannot hold, written as `{ $: kind, … }`; a plain object with a `$` key is wrapped. */
type Tagged =
  | { $: 'typed'; type: TypedName; at: number; bytes: number }
  | { $: 'buffer'; at: number; bytes: number }
  | { $: 'number'; v: 'NaN' | 'Infinity' | '-Infinity' | '-0' }
  | { $: 'bigint'; v: string }
  | { $: 'undefined' }
  | { $: 'date'; v: number }
  | { $: 'map'; v: unknown[] }
  | { $: 'set'; v: unknown[] }
  | { $: 'object'; v: Record<string, unknown> };

/** Typed arrays start at multiples of 8 in data.bin, so each can be viewed in place. */
const ALIGN = 8;

class BinaryParts {
  readonly parts: Uint8Array[] = [];
  size = 0;

  add(bytes: Uint8Array): number {
    const pad = (ALIGN - (this.size % ALIGN)) % ALIGN;
    if (pad > 0) this.parts.push(new Uint8Array(pad));
    const at = this.size + pad;
    this.parts.push(bytes);
    this.size = at + bytes.length;
    return at;
  }

  joined(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}

function encode(value: unknown, bin: BinaryParts): unknown {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return { $: 'number', v: 'NaN' } satisfies Tagged;
    if (value === Infinity) return { $: 'number', v: 'Infinity' } satisfies Tagged;
    if (value === -Infinity) return { $: 'number', v: '-Infinity' } satisfies Tagged;
    if (Object.is(value, -0)) return { $: 'number', v: '-0' } satisfies Tagged;
    return value;
  }
  if (value === undefined) return { $: 'undefined' } satisfies Tagged;
  if (typeof value === 'bigint') return { $: 'bigint', v: value.toString() } satisfies Tagged;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => encode(v, bin));
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const type = value.constructor.name as TypedName;
    if (!(type in TYPED)) throw new Error(`A backup cannot hold a ${type}.`);
    const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength).slice();
    return { $: 'typed', type, at: bin.add(bytes), bytes: bytes.length } satisfies Tagged;
  }
  if (value instanceof ArrayBuffer) {
    const bytes = new Uint8Array(value.slice(0));
    return { $: 'buffer', at: bin.add(bytes), bytes: bytes.length } satisfies Tagged;
  }
  if (value instanceof Date) return { $: 'date', v: value.getTime() } satisfies Tagged;
  if (value instanceof Map) return { $: 'map', v: encode([...value.entries()], bin) as unknown[] } satisfies Tagged;
  if (value instanceof Set) return { $: 'set', v: encode([...value.values()], bin) as unknown[] } satisfies Tagged;
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null)
    throw new Error(`A backup cannot hold a ${value.constructor.name}.`);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = encode(v, bin);
  return '$' in out ? ({ $: 'object', v: out } satisfies Tagged) : out;
}

class BadBackup extends Error {}

function decode(value: unknown, data: Uint8Array): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => decode(v, data));
  const o = value as Record<string, unknown>;
  if (!('$' in o)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) out[k] = decode(v, data);
    return out;
  }
  const t = o as Tagged;
  const slice = (at: number, bytes: number): ArrayBuffer => {
    if (!Number.isInteger(at) || !Number.isInteger(bytes) || at < 0 || bytes < 0 || at + bytes > data.length)
      throw new BadBackup('a stored array points outside the data part');
    return data.buffer.slice(data.byteOffset + at, data.byteOffset + at + bytes) as ArrayBuffer;
  };
  switch (t.$) {
    case 'typed': {
      const Type = TYPED[t.type];
      if (!Type || t.bytes % Type.BYTES_PER_ELEMENT !== 0) throw new BadBackup(`unknown array type ${t.type}`);
      return new Type(slice(t.at, t.bytes));
    }
    case 'buffer':
      return slice(t.at, t.bytes);
    case 'number':
      return t.v === '-0' ? -0 : Number(t.v);
    case 'bigint':
      return BigInt(t.v);
    case 'undefined':
      return undefined;
    case 'date':
      return new Date(t.v);
    case 'map':
      return new Map(decode(t.v, data) as [unknown, unknown][]);
    case 'set':
      return new Set(decode(t.v, data) as unknown[]);
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(t.v)) out[k] = decode(v, data);
      return out;
    }
    default:
      throw new BadBackup(`unknown value kind ${String((t as { $: unknown }).$)}`);
  }
}

/** Records per read from the database while writing a backup. */
const READ_RECORDS = 16;

/** The backup file of a workspace's database. The caller holds the workspace's write lock. */
export async function writeBackup(db: Dexie, workspace: { name: string; sample: boolean }): Promise<Blob> {
  const bin = new BinaryParts();
  const tables: Record<string, unknown[]> = {};
  const records: Record<string, number> = {};
  for (const table of db.tables) {
    const out: unknown[] = [];
    const keys = await table.toCollection().primaryKeys();
    for (let i = 0; i < keys.length; i += READ_RECORDS) {
      const chunk = keys.slice(i, i + READ_RECORDS);
      const rows = await table.bulkGet(chunk);
      // Outbound keys (no keyPath) are kept beside their record.
      rows.forEach((r, k) => out.push(encode(table.schema.primKey.keyPath ? r : { key: chunk[k], value: r }, bin)));
    }
    tables[table.name] = out;
    records[table.name] = out.length;
  }
  const recordsJson = strToU8(JSON.stringify(tables));
  const data = bin.joined();
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    workspace,
    database: { version: db.verno, tables: schemaOf(db) },
    records,
    crc32: { records: crc32(recordsJson), data: crc32(data) },
  };
  const zipped = zipSync(
    { 'manifest.json': strToU8(JSON.stringify(manifest, null, 2)), 'records.json': recordsJson, 'data.bin': data },
    { level: 1 },
  );
  return new Blob([zipped as Uint8Array<ArrayBuffer>], { type: 'application/zip' });
}

const refuse = (why: string): Rejected => ({
  kind: 'rejected',
  message: `This file is not a workspace backup CAPE Prep can restore: ${why} Nothing was changed.`,
});

/**
 * Read a backup file and check it whole against `current` (this version's database schema): the
 * format, the checksums, the schema, every stored value. Nothing is written.
 */
export async function readBackup(
  file: Blob,
  current: { version: number; tables: Record<string, string> },
): Promise<Backup | Rejected> {
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(new Uint8Array(await file.arrayBuffer()));
  } catch {
    return refuse('it is not a ZIP archive, or it is cut short.');
  }
  const part = (name: string) => parts[name];
  const manifestBytes = part('manifest.json');
  if (!manifestBytes) return refuse('it has no manifest.json (a backup is made with “Export backup”).');
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(strFromU8(manifestBytes)) as BackupManifest;
  } catch {
    return refuse('its manifest.json is not valid JSON.');
  }
  if (manifest.format !== BACKUP_FORMAT) return refuse('its manifest does not name the CAPE Prep backup format.');
  if (manifest.formatVersion > BACKUP_FORMAT_VERSION || manifest.database?.version > current.version)
    return refuse('it was made by a newer version of CAPE Prep; update the app (reload it) and try again.');
  const recordsBytes = part('records.json');
  const data = part('data.bin');
  if (!recordsBytes || !data) return refuse('records.json or data.bin is missing.');
  if (crc32(recordsBytes) !== manifest.crc32?.records || crc32(data) !== manifest.crc32?.data)
    return refuse('its contents do not match their checksums (the file is damaged).');
  const tables = manifest.database.tables ?? {};
  const unknown = Object.keys(tables).filter((t) => !(t in current.tables));
  if (unknown.length > 0) return refuse(`it holds tables this version does not know (${unknown.join(', ')}).`);
  if (manifest.database.version === current.version && JSON.stringify(tables) !== JSON.stringify(current.tables))
    return refuse('its database schema differs from the one its version declares.');
  try {
    const records = JSON.parse(strFromU8(recordsBytes)) as Record<string, unknown[]>;
    const out: Record<string, unknown[]> = {};
    for (const name of Object.keys(tables)) {
      const list = records[name];
      if (!Array.isArray(list) || list.length !== manifest.records[name])
        throw new BadBackup(`table ${name} does not hold the records the manifest lists`);
      out[name] = list.map((r) => decode(r, data));
    }
    return { manifest, tables: out };
  } catch (e) {
    if (e instanceof BadBackup || e instanceof SyntaxError) return refuse(`${e.message}.`);
    throw e;
  }
}

/**
 * Write a checked backup into the new (empty) database `name`, at the schema it was made with; the app
 * then opens it at today's schema, which upgrades it as it would any older database.
 */
export async function restoreBackup(backup: Backup, name: string): Promise<void> {
  const db = new Dexie(name);
  db.version(backup.manifest.database.version).stores(backup.manifest.database.tables);
  try {
    await db.transaction('rw', db.tables, async () => {
      for (const table of db.tables) {
        const records = backup.tables[table.name] ?? [];
        if (table.schema.primKey.keyPath) await table.bulkPut(records);
        else {
          const pairs = records as { key: unknown; value: unknown }[];
          await table.bulkPut(
            pairs.map((p) => p.value),
            pairs.map((p) => p.key) as never,
          );
        }
      }
    });
  } finally {
    db.close();
  }
}

/** The backup's file name: the workspace's name (characters file systems refuse left out) and the day. */
export function backupFileName(workspaceName: string, day: string): string {
  const safe =
    [...workspaceName]
      .filter((c) => c >= ' ' && !'\\/:*?"<>|'.includes(c))
      .join('')
      .trim() || 'workspace';
  return `${safe} — CAPE Prep backup ${day}.zip`;
}
