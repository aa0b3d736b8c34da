import "server-only";
import { prefixEnd } from "../bytes";

/**
 * Windows for a scan on etcd 3.4, where a Range walks every index entry from its key to its
 * range end whatever its `limit` (docs/etcd-notes.md): paging a 1M-key prefix 10,000 keys at a
 * time with the prefix's own range end would walk 50M entries. Each read instead asks for the
 * keys that share the first `depth` bytes with where it starts — a window whose end is close —
 * and etcd's `count` for that window says how much it walked, so `depth` is adjusted to keep
 * windows near the read size (see {@link nextDepth}).
 */

/** `[a, b)` order of two keys, byte-wise; the range end `\0` (to the end) sorts last. */
export function endBefore(a: Buffer, end: Buffer): boolean {
  if (isToTheEnd(end)) return !isToTheEnd(a);
  return Buffer.compare(a, end) < 0;
}

/** Whether `end` is etcd's "to the end of the keyspace" range end (`\0`). */
export function isToTheEnd(end: Buffer): boolean {
  return end.length === 1 && end[0] === 0;
}

/**
 * The end of the window a read starting at `from` covers: every key after `from` sharing its
 * first `depth` bytes, capped at the scan's `end`. Always past `from`.
 */
export function windowEnd(from: Buffer, depth: number, end: Buffer): Buffer {
  const w = prefixEnd(from.subarray(0, Math.max(1, depth)));
  if (isToTheEnd(w)) return end;
  return endBefore(w, end) ? w : end;
}

/** Length of the common prefix of two keys (bytes). */
export function commonPrefixLength(a: Buffer, b: Buffer): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}

/**
 * The depth of the next window from what the last read saw: `walked` index entries (etcd's
 * count for the window) against `limit` keys a read asks for.
 * - walked more than twice the read size: narrower (depth + 1);
 * - the window ran dry below 1/8 of the read size: wider (depth - 1), unless a wider window
 *   recently overshot (`wideningAllowed` false), which keeps depth from swinging between a
 *   window far too large and one far too small.
 */
export function nextDepth(
  depth: number,
  walked: number,
  limit: number,
  exhausted: boolean,
  wideningAllowed: boolean,
): number {
  if (walked > 2 * limit) return depth + 1;
  if (exhausted && walked < limit / 8 && wideningAllowed) return Math.max(1, depth - 1);
  return depth;
}
