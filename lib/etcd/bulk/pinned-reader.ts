import "server-only";
import type { IKeyValue } from "etcd3";
import { withAccess } from "../access";
import { keyAfter } from "../bytes";
import { prefixRange } from "../range";
import { linearizable } from "../read-fallback";
import { EXPORT_PAGE_BYTES, EXPORT_PAGE_KEYS, FIRST_PAGE_KEYS, MAX_TXN_OPS } from "./limits";

/**
 * Every key-value under `prefix` (the empty prefix: the whole keyspace), page by page, each page
 * one etcd Range pinned to one revision: `revision`, or the store revision of the first Range.
 * One Range per page matters on etcd 3.4, where every Range walks the index of its whole
 * remaining range whatever its limit (docs/etcd-notes.md). Page sizes adapt to the values: the
 * first Range asks for {@link FIRST_PAGE_KEYS} keys, each next one for as many as fit
 * {@link EXPORT_PAGE_BYTES} at the largest key-value seen so far, at most
 * {@link EXPORT_PAGE_KEYS}. `onRevision` learns the pinned revision before the first page.
 * Linearizable reads on the shared read client.
 * @throws GatewayError 403 naming the prefix, 410 `revision_compacted` (also when the revision
 *   is compacted mid-way), 400 for a future revision, 503/504.
 */
export async function* readPrefixPinned(
  prefix: Buffer,
  revision: string | undefined,
  onRevision: (revision: string) => void = () => {},
): AsyncGenerator<IKeyValue[]> {
  const range = prefixRange(prefix);
  const { client } = linearizable();
  let from = range.key;
  let pinned = revision;
  let limit = FIRST_PAGE_KEYS;
  let largest = 1;
  for (;;) {
    const res = await withAccess({ prefix }, "read", () =>
      client.kv.range({ key: from, range_end: range.rangeEnd, limit, revision: pinned }),
    );
    if (pinned === undefined) onRevision(res.header.revision);
    pinned ??= res.header.revision;
    for (const kv of res.kvs) largest = Math.max(largest, kv.key.length + (kv.value?.length ?? 0));
    if (res.kvs.length) yield res.kvs;
    const last = res.kvs[res.kvs.length - 1];
    if (!res.more || !last) return;
    from = keyAfter(last.key);
    limit = Math.max(1, Math.min(EXPORT_PAGE_KEYS, Math.floor(EXPORT_PAGE_BYTES / largest)));
  }
}

/** The pinned result of {@link readKeysAt}: key (as latin1 text, an exact byte map) → kv. */
export type KeysAt = { revision: string; kvs: Map<string, IKeyValue> };

/** A Map key for bytes: latin1 maps each byte to one char, so distinct bytes stay distinct. */
export const byteKey = (key: Buffer): string => key.toString("latin1");

/**
 * Read each of `keys` at one revision (`revision`, or the store revision of the first Txn):
 * Txns of up to {@link MAX_TXN_OPS} Ranges, each Range pinned to the revision. `keysOnly`
 * skips the values (mod/create revisions suffice for guards). Absent keys are absent from
 * the map.
 * @throws GatewayError 403 naming the first key, 410, 503/504.
 */
export async function readKeysAt(
  keys: Buffer[],
  revision?: string,
  keysOnly = false,
): Promise<KeysAt> {
  const { client } = linearizable();
  const kvs = new Map<string, IKeyValue>();
  let pinned = revision;
  for (let i = 0; i < keys.length || pinned === undefined; i += MAX_TXN_OPS) {
    const batch = keys.slice(i, i + MAX_TXN_OPS);
    const res = await withAccess({ key: batch[0] ?? Buffer.alloc(1) }, "read", () =>
      client.kv.txn({
        compare: [],
        success: batch.map((key) => ({
          request_range: { key, revision: pinned, keys_only: keysOnly },
        })),
        failure: [],
      }),
    );
    pinned ??= res.header.revision;
    for (const r of res.responses) {
      const kv = r.response_range?.kvs[0];
      if (kv) kvs.set(byteKey(kv.key), kv);
    }
    if (!batch.length) break;
  }
  return { revision: pinned, kvs };
}
