/** Display formatting shared by the views (money arrives from the worker as integer cents). */
import { formatCents, formatUsd } from '../core/money';

export { formatCents, formatUsd };

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

/** Compact dollars for chart labels ($1.2M, $850K), from integer cents: tenths of the unit, rounded. */
export function formatUsdShort(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const units: [number, string][] = [
    [1e11, 'B'],
    [1e8, 'M'],
    [1e5, 'K'],
  ];
  for (const [size, suffix] of units) {
    if (abs >= size) {
      const tenths = Math.round((abs * 10) / size);
      return `${sign}$${Math.floor(tenths / 10)}${tenths % 10 === 0 || tenths >= 1000 ? '' : `.${tenths % 10}`}${suffix}`;
    }
  }
  return `${sign}$${Math.round(abs / 100)}`;
}

export function formatSeconds(s: number | null): string {
  if (s === null || !Number.isFinite(s)) return '—';
  if (s < 60) return `${Math.ceil(s)} s`;
  return `${Math.floor(s / 60)} min ${Math.ceil(s % 60)} s`;
}

/** Local calendar date as YYYY-MM-DD (the default filing date is the user's today). */
export function todayIso(now = new Date()): string {
  const m = now.getMonth() + 1;
  const d = now.getDate();
  return `${now.getFullYear()}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}
