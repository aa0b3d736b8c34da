import "server-only";
import type { IKeyValue } from "etcd3";
import { SCAN_GENTLE_KEYS_PER_SECOND } from "@/lib/contract";
import { keyAfter } from "../bytes";
import { linearizable } from "../read-fallback";
import { commonPrefixLength, endBefore, nextDepth, windowEnd } from "./scan-window";

/** Keys a keys-only read asks for (each key is ~100 bytes: ~1 MiB a read). */
export const SCAN_KEYS_PER_READ = 10_000;
/** Keys the first read asks for: small, so the first matches arrive quickly. */
const FIRST_READ_KEYS = 1_000;
/** Key + value bytes a read with values aims at (the largest value seen sets its `limit`). */
export const SCAN_VALUE_BYTES_PER_READ = 4 * 1024 * 1024;
/** A gentle scan's reads ask for at most this many keys, so its bursts stay small too. */
const GENTLE_KEYS_PER_READ = 1_000;
/** Reads after a narrowing during which windows are not widened again. */
const NO_WIDEN_READS = 8;

/** What {@link scanRange} reads: `[key, rangeEnd)` (a prefix's range). */
export type ScanRequest = {
  key: Buffer;
  rangeEnd: Buffer;
  /** Read at this revision; undefined: the first read's store revision. */
  revision?: string;
  /** Keys only (no values, valueSize unknown), or keys and values. */
  keysOnly: boolean;
  /** Read at most SCAN_GENTLE_KEYS_PER_SECOND keys a second (in reads of at most 1,000). */
  gentle: boolean;
  /** Aborted when the client left: no read starts after it (one in flight completes). */
  signal: AbortSignal;
};

/**
 * One read's key-values in key order; `scanned` counts every key handed out so far (this page
 * included), `total` the keys of the whole range at `revision` (etcd's count on the first read).
 */
export type ScanPage = { kvs: IKeyValue[]; scanned: bigint; total: bigint; revision: string };

/**
 * Every key of `[key, rangeEnd)` at ONE revision, as a series of etcd Ranges (keys-only when
 * asked) on the linearizable read client, yielded page by page. The first read (the whole range,
 * a few keys) pins the revision and gives `total` from etcd's count; later reads cover windows
 * close to their own size (scan-window.ts), so the scan walks each index entry about twice in
 * all instead of once per page. Reads with values ask for as many keys as fit
 * {@link SCAN_VALUE_BYTES_PER_READ} at the largest key + value seen so far.
 *
 * Stops without another read as soon as `signal` aborts (also between a gentle scan's pauses);
 * the generator then simply returns. A consumer that stops iterating stops the reads as well.
 * @throws etcd3's errors: a compacted revision is `OUT_OF_RANGE` "… compacted" (→ 410 through
 *   lib/etcd/etcd-errors.ts), a future one a 400.
 */
export async function* scanRange(req: ScanRequest): AsyncGenerator<ScanPage> {
  const { client } = linearizable();
  const pace = req.gentle ? pacer(req.signal) : undefined;
  const maxKeys = req.gentle ? GENTLE_KEYS_PER_READ : SCAN_KEYS_PER_READ;
  let revision = req.revision;
  let total = 0n;
  let scanned = 0n;
  let from = req.key;
  let depth: number | undefined; // undefined: the first read, over the whole range
  let largest = 64;
  let reads = 0;
  let widenAfter = 0;
  while (!req.signal.aborted) {
    const limit = depth === undefined ? Math.min(FIRST_READ_KEYS, maxKeys) : readLimit();
    const end = depth === undefined ? req.rangeEnd : windowEnd(from, depth, req.rangeEnd);
    const res = await client.kv.range({
      key: from,
      range_end: end,
      limit,
      keys_only: req.keysOnly,
      revision,
    });
    reads++;
    const walked = Number(res.count);
    if (revision === undefined) revision = res.header.revision;
    if (depth === undefined) total = BigInt(res.count);
    for (const kv of res.kvs) largest = Math.max(largest, kv.key.length + (kv.value?.length ?? 0));
    scanned += BigInt(res.kvs.length);
    if (res.kvs.length) yield { kvs: res.kvs, scanned, total, revision };
    else if (depth === undefined) yield { kvs: [], scanned, total, revision };
    const last = res.kvs[res.kvs.length - 1];
    const exhausted = !res.more || !last;
    if (depth === undefined) {
      // Start windows one byte deeper than where the first page's keys differ.
      const first = res.kvs[0];
      depth = first && last ? commonPrefixLength(first.key, last.key) + 1 : from.length + 1;
    } else {
      const next = nextDepth(depth, walked, limit, exhausted, reads >= widenAfter);
      if (next > depth) widenAfter = reads + NO_WIDEN_READS;
      depth = next;
    }
    if (!exhausted) from = keyAfter(last.key);
    else if (endBefore(end, req.rangeEnd)) from = end;
    else return;
    await pace?.(res.kvs.length);
  }

  function readLimit(): number {
    if (req.keysOnly) return maxKeys;
    return Math.max(1, Math.min(maxKeys, Math.floor(SCAN_VALUE_BYTES_PER_READ / largest)));
  }
}

/**
 * Paces a gentle scan: after a read of `n` keys, waits until the scan's average stays at or
 * below {@link SCAN_GENTLE_KEYS_PER_SECOND} keys a second. Resolves early on abort.
 */
function pacer(signal: AbortSignal): (n: number) => Promise<void> {
  const started = performance.now();
  let walked = 0;
  return (n) => {
    walked += n;
    const due = started + (walked / SCAN_GENTLE_KEYS_PER_SECOND) * 1000;
    const wait = due - performance.now();
    if (wait <= 0 || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, wait);
      signal.addEventListener("abort", done);
    });
  };
}
