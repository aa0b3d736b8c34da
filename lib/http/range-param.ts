import "server-only";
import type { Encoding } from "@/lib/contract";
import { prefixRange } from "@/lib/etcd/range";
import { bytesParam } from "./parse";

/**
 * How a query names a key range (range and watch queries): exactly one of `prefix` or `key`
 * (their schemas refuse both or neither), each in its own encoding; `rangeEnd`, where a query
 * takes one, is in the key's encoding.
 */
export type RangeParams = {
  prefix?: string;
  prefixEncoding: Encoding;
  key?: string;
  keyEncoding: Encoding;
  rangeEnd?: string;
};

/**
 * The `[key, rangeEnd)` a query names: every key under `prefix` (the empty prefix: the whole
 * keyspace, see prefixRange), or `key` up to `rangeEnd` (absent: the single key).
 * @throws GatewayError 400 naming `prefix`, `key` or `rangeEnd` when its bytes don't decode
 *   (see bytesParam).
 */
export function rangeParams(q: RangeParams): { key: Buffer; rangeEnd?: Buffer } {
  if (q.prefix !== undefined) return prefixRange(bytesParam("prefix", q.prefix, q.prefixEncoding));
  return {
    key: bytesParam("key", q.key!, q.keyEncoding),
    rangeEnd:
      q.rangeEnd === undefined ? undefined : bytesParam("rangeEnd", q.rangeEnd, q.keyEncoding),
  };
}
