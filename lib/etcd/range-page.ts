import "server-only";
import type { IKeyValue } from "etcd3";
import { keyAfter } from "./bytes";
import type { ReadVia } from "./read-fallback";

/**
 * Most key + value bytes one `/range` page carries: the key-value that crosses it is the page's
 * last. etcd's Range has no byte limit, and 1,000 values of 1 MiB would otherwise be held at
 * once (several times over, as DTOs and JSON).
 */
export const RANGE_PAGE_MAX_BYTES = 16 * 1024 * 1024;

/** The byte budget in force (bytes); tests lower it. */
export const rangePageLimits = { maxBytes: RANGE_PAGE_MAX_BYTES };

/** Keys asked for by a page's first Range, before any value size is known. */
const FIRST_BATCH = 16;
/** Each further Range asks for at most this many times the keys of the one before. */
const BATCH_GROWTH = 8;

/** What {@link readBoundedPage} reads: like etcd's RangeRequest, `limit` ≥ 1 keys at most. */
export type PageRequest = {
  key: Buffer;
  rangeEnd?: Buffer;
  limit: number;
  keysOnly: boolean;
  /** Pin every read to this revision; undefined: the first read's store revision. */
  revision?: string;
  /**
   * Keys the first Range asks for (default 16), for a caller that knows the sizes already
   * (a later round of the same listing); later Ranges grow from it as usual.
   */
  firstBatch?: number;
};

/**
 * One page: its key-values, whether keys follow it, etcd's count of keys from the page's start,
 * the revision every read was pinned to, and the store revision when the first one was served.
 */
export type PageRead = {
  kvs: IKeyValue[];
  more: boolean;
  count: string;
  revision: string;
  storeRevision: string;
};

/**
 * Read up to `limit` key-values of `[key, rangeEnd)` as a series of etcd Ranges pinned to one
 * revision, stopping once the page holds {@link rangePageLimits}`.maxBytes` of keys and values.
 * The first Range asks for a few keys; each next one for as many as the bytes left allow at the
 * largest size seen so far (growing at most {@link BATCH_GROWTH}-fold), so the gateway holds
 * about the budget plus one batch of values larger than any seen before — not `limit` values.
 * `more` is true when keys follow the page (also when it was cut by bytes).
 * Errors are etcd's (the caller maps them).
 */
export async function readBoundedPage(via: ReadVia, req: PageRequest): Promise<PageRead> {
  const maxBytes = rangePageLimits.maxBytes;
  const kvs: IKeyValue[] = [];
  let from = req.key;
  let revision = req.revision;
  let count: string | undefined;
  let storeRevision: string | undefined;
  let bytes = 0;
  let largest = 1;
  let batch = Math.min(req.limit, req.firstBatch ?? FIRST_BATCH);
  for (;;) {
    const res = await via.client.kv.range({
      serializable: via.serializable,
      key: from,
      range_end: req.rangeEnd,
      limit: batch,
      keys_only: req.keysOnly,
      revision,
    });
    storeRevision ??= res.header.revision;
    revision ??= res.header.revision;
    count ??= res.count;
    for (const [i, kv] of res.kvs.entries()) {
      kvs.push(kv);
      const size = kv.key.length + (kv.value?.length ?? 0);
      bytes += size;
      largest = Math.max(largest, size);
      if (bytes >= maxBytes || kvs.length >= req.limit) {
        const more = i < res.kvs.length - 1 || Boolean(res.more);
        return { kvs, more, count, revision, storeRevision };
      }
    }
    const last = res.kvs[res.kvs.length - 1];
    // A single key (no rangeEnd) is one read; so is a range etcd says is exhausted.
    if (!res.more || !last || !req.rangeEnd)
      return { kvs, more: false, count, revision, storeRevision };
    from = keyAfter(last.key);
    const room = Math.max(1, Math.floor((maxBytes - bytes) / largest));
    batch = Math.min(req.limit - kvs.length, batch * BATCH_GROWTH, room);
  }
}
