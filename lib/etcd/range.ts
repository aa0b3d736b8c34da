import "server-only";
import type { RangeResponse } from "@/lib/contract";
import { withAccess } from "./access";
import { keyAfter, prefixEnd } from "./bytes";
import { decodeCursor, encodeCursor } from "./cursor";
import { toKvDto } from "./kv-dto";
import { readBoundedPage } from "./range-page";
import { readWithFallback, type ReadVia } from "./read-fallback";

/**
 * A flat listing: `[key, rangeEnd)`; rangeEnd absent means the single key `key`.
 * `limit` is the page size; `after` a previous page's `next` (pins the revision).
 */
export type RangeQuery = {
  key: Buffer;
  rangeEnd?: Buffer;
  limit: number;
  keysOnly: boolean;
  countOnly: boolean;
  revision?: string;
  after?: string;
};

/**
 * List keys (etcd Range). `count` is the number of keys from this page's start to the range end.
 * A page ends at `limit` keys or once its keys and values pass 16 MiB (RANGE_PAGE_MAX_BYTES,
 * read as a few Ranges pinned to one revision), whichever comes first; `more` and `next` then
 * lead on.
 * Without a leader it is served as a serializable read from one member, marked in the header
 * (see readWithFallback).
 * @throws GatewayError 400 for a bad `after`, 403 `etcd_permission_denied` naming the range,
 *   410 `revision_compacted`, 503/504.
 */
export function listRange(q: RangeQuery): Promise<RangeResponse> {
  return readWithFallback((via) => listRangeVia(q, via));
}

async function listRangeVia(q: RangeQuery, via: ReadVia): Promise<RangeResponse> {
  const start = q.after ? decodeCursor(q.after) : undefined;
  const target = q.rangeEnd ? { key: q.key, rangeEnd: q.rangeEnd } : { key: q.key };
  const key = start?.key ?? q.key;
  const revision = start?.revision ?? q.revision;
  if (q.countOnly) {
    const res = await withAccess(target, "read", () =>
      via.client.kv.range({
        serializable: via.serializable,
        key,
        range_end: q.rangeEnd,
        count_only: true,
        revision,
      }),
    );
    return { header: { revision: res.header.revision }, kvs: [], more: false, count: res.count };
  }
  const page = await withAccess(target, "read", () =>
    readBoundedPage(via, { ...q, key, revision }),
  );
  const last = page.kvs[page.kvs.length - 1];
  return {
    header: { revision: page.storeRevision },
    kvs: page.kvs.map(toKvDto),
    more: page.more,
    count: page.count,
    next:
      page.more && last
        ? encodeCursor({ revision: page.revision, key: keyAfter(last.key) })
        : undefined,
  };
}

/** The `[key, rangeEnd)` of every key under `prefix` (the empty prefix: the whole keyspace). */
export function prefixRange(prefix: Buffer): { key: Buffer; rangeEnd: Buffer } {
  return { key: prefix.length ? prefix : Buffer.from([0]), rangeEnd: prefixEnd(prefix) };
}
