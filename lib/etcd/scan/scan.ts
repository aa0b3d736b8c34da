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

/** The read sizes and gentle pace in force (keys, bytes, keys/s); tests lower them. */
export const scanLimits = {
  keysPerRead: SCAN_KEYS_PER_READ,
  firstReadKeys: FIRST_READ_KEYS,
  valueBytesPerRead: SCAN_VALUE_BYTES_PER_READ,
  gentleKeysPerRead: GENTLE_KEYS_PER_READ,
  gentleKeysPerSecond: SCAN_GENTLE_KEYS_PER_SECOND,
};
/**
 * Deadline of one scan read (ms), instead of the clients' 5 s for unary calls: the first read
 * walks the whole prefix's index (1M keys took over 5 s on a loaded 2-core machine), and a scan
 * is a long request anyway, which the client cancels by leaving.
 */
export const SCAN_READ_DEADLINE_MS = 60_000;
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
 * The next read is sent before a page is handed out (one read ahead; a gentle scan reads one at
 * a time). Stops without another read as soon as `signal` aborts (also between a gentle scan's
 * pauses): at most the one read already sent completes. A consumer that stops iterating stops
 * the reads as well.
 * @throws etcd3's errors: a compacted revision is `OUT_OF_RANGE` "… compacted" (→ 410 through
 *   lib/etcd/etcd-errors.ts), a future one a 400.
 */
export async function* scanRange(req: ScanRequest): AsyncGenerator<ScanPage> {
  const { client } = linearizable();
  const limits = { ...scanLimits };
  const pace = req.gentle ? pacer(req.signal, limits.gentleKeysPerSecond) : undefined;
  const maxKeys = req.gentle ? limits.gentleKeysPerRead : limits.keysPerRead;
  let revision = req.revision;
  let total = 0n;
  let scanned = 0n;
  let largest = 64;
  let reads = 0;
  let widenAfter = 0;
  let depth: number | undefined; // undefined: the first read, over the whole range

  type Read = { from: Buffer; end: Buffer; limit: number };
  const send = (r: Read) =>
    client.kv.range(
      {
        key: r.from,
        range_end: r.end,
        limit: r.limit,
        keys_only: req.keysOnly,
        revision,
      },
      { deadline: new Date(Date.now() + SCAN_READ_DEADLINE_MS) },
    );

  let read: Read = {
    from: req.key,
    end: req.rangeEnd,
    limit: Math.min(limits.firstReadKeys, maxKeys),
  };
  let res = await send(read);
  for (;;) {
    reads++;
    if (revision === undefined) revision = res.header.revision;
    const first = depth === undefined;
    if (first) total = BigInt(res.count);
    for (const kv of res.kvs) largest = Math.max(largest, kv.key.length + (kv.value?.length ?? 0));
    scanned += BigInt(res.kvs.length);
    const next = plan(read, res.kvs, !res.more, Number(res.count));
    // Ask for the next window before handing this page out, so etcd reads it while the consumer
    // tests this one (not for a gentle scan, which pauses first, nor after an abort).
    let ahead: Promise<typeof res> | undefined;
    if (next && !pace && !req.signal.aborted) {
      ahead = send(next);
      ahead.catch(() => {}); // awaited below unless the consumer stops first
    }
    if (res.kvs.length || first) yield { kvs: res.kvs, scanned, total, revision };
    if (!next || req.signal.aborted) return;
    if (pace) {
      await pace(Math.max(1, res.kvs.length));
      if (req.signal.aborted) return;
    }
    read = next;
    res = await (ahead ?? send(next));
  }

  /** The read after `done` (adjusting the window depth), or undefined when the range is done. */
  function plan(done: Read, kvs: IKeyValue[], ranDry: boolean, walked: number): Read | undefined {
    const last = kvs[kvs.length - 1];
    const exhausted = ranDry || !last;
    if (depth === undefined) {
      // Start windows one byte deeper than where the first page's keys differ.
      depth = kvs[0] && last ? commonPrefixLength(kvs[0].key, last.key) + 1 : done.from.length + 1;
    } else {
      const nextD = nextDepth(depth, walked, done.limit, exhausted, reads >= widenAfter);
      if (nextD > depth) widenAfter = reads + NO_WIDEN_READS;
      depth = nextD;
    }
    let from: Buffer;
    if (!exhausted) from = keyAfter(last.key);
    else if (endBefore(done.end, req.rangeEnd)) from = done.end;
    else return undefined;
    return { from, end: windowEnd(from, depth, req.rangeEnd), limit: readLimit() };
  }

  function readLimit(): number {
    if (req.keysOnly) return maxKeys;
    return Math.max(1, Math.min(maxKeys, Math.floor(limits.valueBytesPerRead / largest)));
  }
}

/**
 * Paces a gentle scan: after a read of `n` keys, waits until the scan's average stays at or
 * below `keysPerSecond`. Resolves early on abort.
 */
function pacer(signal: AbortSignal, keysPerSecond: number): (n: number) => Promise<void> {
  const started = performance.now();
  let walked = 0;
  return (n) => {
    walked += n;
    const due = started + (walked / keysPerSecond) * 1000;
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
