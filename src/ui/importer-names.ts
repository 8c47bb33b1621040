/**
 * Importer names beside IOR numbers (Declarations, Payments, Profile, Overview): the name on the
 * client list when the user gave one, else the name in the data. Keyed like the data compares IORs
 * (core's importerKey: letters and digits only).
 */
import type { Snapshot } from '../../workers/contract';
import { importerKey } from '../core/cell-values';

export interface IorOption {
  /** importerKey of the IOR ('' for entries without one). */
  key: string;
  /** The IOR number as first written in the data. */
  number: string;
  name: string;
}

export class ImporterNames {
  private readonly byKey = new Map<string, string>();
  /** Every IOR in the data, largest IEEPA duty first (as the overview lists them). */
  readonly iors: IorOption[];

  constructor(snapshot: Snapshot | null) {
    for (const r of snapshot?.overview.byIor ?? []) this.byKey.set(importerKey(r.importerNumber), r.importerName);
    for (const c of snapshot?.profile.clients ?? [])
      if (c.name.trim() !== '') this.byKey.set(importerKey(c.importerNumber), c.name.trim());
    this.iors = (snapshot?.overview.byIor ?? []).map((r) => ({
      key: importerKey(r.importerNumber),
      number: r.importerNumber,
      name: this.of(r.importerNumber),
    }));
  }

  /** The name of an IOR number (any spelling), '' when neither the data nor the client list names it. */
  of(importerNumber: string): string {
    return this.byKey.get(importerKey(importerNumber)) ?? '';
  }

  /** "12-3456789-00 Acme Imports, LLC", for option lists. */
  label(o: IorOption): string {
    return `${o.number || '(no IOR)'}${o.name ? ` — ${o.name}` : ''}`;
  }
}
