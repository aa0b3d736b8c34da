import "server-only";
import { MAX_TXN_OPS } from "../txn-limits";
import type { IKeyValue } from "etcd3";
import { prefixEnd } from "../bytes";
import type { ReadVia } from "../read-fallback";

/**
 * A half-open key range `[start, end)` still to be scanned; `end` null means "to the end of the
 * keyspace". `limit` is how many keys one probe of it asks for.
 */
export type Window = { start: Buffer; end: Buffer | null; limit: number };

/** Sibling byte values probed one by one at each level before the rest is probed as one. */
const FANOUT = 8;
/** Levels (trailing bytes of the cursor) split into sibling windows. */
const DEPTHS = 3;
/** Keys a sibling window asks for: enough to see a short run of leaves. */
const SIBLING_LIMIT = 2;

/** The end of `prefix`'s key range; null when it runs to the end of the keyspace. */
export const endOf = (prefix: Buffer): Buffer | null => {
  const end = prefixEnd(prefix);
  return end.length === 1 && end[0] === 0 ? null : end;
};
const before = (a: Buffer, b: Buffer | null) => b === null || Buffer.compare(a, b) < 0;
const minEnd = (a: Buffer | null, b: Buffer | null) => (a === null ? b : before(a, b) ? a : b);

/**
 * Split `[from, end)` into disjoint windows, in key order, shaped like the key space right after
 * a skipped subtree: the cursor's next siblings byte by byte at its last {@link DEPTHS} levels,
 * then the rest. Probing them together finds many children in one round trip, and since the
 * windows are disjoint a round never reads an index entry twice.
 * `floor` is the folder prefix length: no window splits above it. docs/tree-listing.md shows
 * one staircase window by window.
 */
export function staircase(from: Buffer, end: Buffer | null, floor: number): Window[] {
  const out: Window[] = [];
  const push = (start: Buffer, stop: Buffer | null, limit: number) => {
    const clipped = minEnd(stop, end);
    if (before(start, clipped)) out.push({ start, end: clipped, limit });
  };
  let lo = from;
  for (let d = from.length - 1, level = 0; d >= floor && level < DEPTHS; d--, level++) {
    const base = from.subarray(0, d);
    push(lo, endOf(from.subarray(0, d + 1)), SIBLING_LIMIT);
    let b = from[d] + 1;
    for (; b <= 0xff && b <= from[d] + FANOUT; b++) {
      push(
        Buffer.concat([base, Buffer.from([b])]),
        endOf(Buffer.concat([base, Buffer.from([b])])),
        SIBLING_LIMIT,
      );
    }
    if (b <= 0xff) push(Buffer.concat([base, Buffer.from([b])]), endOf(base), SIBLING_LIMIT);
    const next = endOf(base);
    if (next === null || !before(next, end)) return out;
    lo = next;
    if (d === floor) break;
  }
  // What is left: one window per first byte of a child name, so every group of children with
  // a different first letter is found in the same round.
  if (lo.length <= floor) {
    push(lo, end, SIBLING_LIMIT);
    return out;
  }
  const folder = lo.subarray(0, floor);
  push(lo, endOf(lo.subarray(0, floor + 1)), SIBLING_LIMIT);
  for (let b = lo[floor] + 1; b <= 0xff; b++) {
    const head = Buffer.concat([folder, Buffer.from([b])]);
    if (!before(head, end)) break;
    push(head, endOf(head), SIBLING_LIMIT);
  }
  return out;
}

/**
 * Probe windows at `revision`: the first `window.limit` keys of each (keys only), in Txns of
 * up to 128 range ops sent concurrently. On etcd 3.4 a range costs an index walk over every
 * key in it whatever its limit, so what bounds the cost is that the windows are disjoint.
 * Sent through `via`; with `via.serializable` every probe is serializable, so a member without
 * a leader serves the read-only Txn from its local store.
 */
export async function probeWindows(
  windows: Window[],
  revision: string,
  via: ReadVia,
): Promise<{ kvs: IKeyValue[]; more: boolean }[]> {
  const chunks: Window[][] = [];
  for (let i = 0; i < windows.length; i += MAX_TXN_OPS)
    chunks.push(windows.slice(i, i + MAX_TXN_OPS));
  const answers = await Promise.all(
    chunks.map((chunk) =>
      via.client.kv.txn({
        success: chunk.map((w) => ({
          request_range: {
            key: w.start,
            range_end: w.end ?? Buffer.from([0]),
            limit: w.limit,
            keys_only: true,
            revision,
            serializable: via.serializable,
          },
        })),
      }),
    ),
  );
  return answers.flatMap((a) =>
    a.responses.map((r) => ({
      kvs: r.response_range?.kvs ?? [],
      more: Boolean(r.response_range?.more),
    })),
  );
}

/** The window of every key under `prefix`. */
export function prefixWindow(prefix: Buffer, limit: number): Window {
  return { start: prefix, end: endOf(prefix), limit };
}
