import "server-only";
import type { RangeResponse } from "@/lib/contract";
import { withAccess } from "./access";
import { keyAfter, prefixEnd } from "./bytes";
import { decodeCursor, encodeCursor } from "./cursor";
import { toKvDto } from "./kv-dto";
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
  const revision = start?.revision ?? q.revision;
  const target = q.rangeEnd ? { key: q.key, rangeEnd: q.rangeEnd } : { key: q.key };
  const res = await withAccess(target, "read", () =>
    via.client.kv.range({
      serializable: via.serializable,
      key: start?.key ?? q.key,
      range_end: q.rangeEnd,
      limit: q.countOnly ? 0 : q.limit,
      keys_only: q.keysOnly,
      count_only: q.countOnly,
      revision,
    }),
  );
  const last = res.kvs[res.kvs.length - 1];
  const more = Boolean(res.more) && !q.countOnly;
  return {
    header: { revision: res.header.revision },
    kvs: res.kvs.map(toKvDto),
    more,
    count: res.count,
    next:
      more && last
        ? encodeCursor({ revision: revision ?? res.header.revision, key: keyAfter(last.key) })
        : undefined,
  };
}

/** The `[key, rangeEnd)` of every key under `prefix` (the empty prefix: the whole keyspace). */
export function prefixRange(prefix: Buffer): { key: Buffer; rangeEnd: Buffer } {
  return { key: prefix.length ? prefix : Buffer.from([0]), rangeEnd: prefixEnd(prefix) };
}
