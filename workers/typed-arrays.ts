/** `next`, a larger typed array of a's kind, holding a's values first: how the growable typed columns grow. */
export function grown<T extends Int32Array | Int8Array | Uint8Array | Float64Array>(a: T, next: T): T {
  next.set(a);
  return next;
}
