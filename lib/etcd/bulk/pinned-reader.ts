import "server-only";
import type { IKeyValue } from "etcd3";
import { withAccess } from "../access";
import { keyAfter } from "../bytes";
import { prefixRange } from "../range";
import { readBoundedPage } from "../range-page";
import { linearizable } from "../read-fallback";
import { EXPORT_PAGE_KEYS, MAX_TXN_OPS } from "./limits";

/**
 * Every key-value under `prefix` (the empty prefix: the whole keyspace), page by page, each page
 * an etcd Range (a few, bounded to 16 MiB of keys and values: readBoundedPage) pinned to one
 * revision: `revision`, or the store revision of the first Range. The generator yields pages in
 * key order; `onRevision` learns the pinned revision before the first page is yielded.
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
  let from = range.key;
  let pinned = revision;
  for (;;) {
    const page = await withAccess({ prefix }, "read", () =>
      readBoundedPage(linearizable(), {
        key: from,
        rangeEnd: range.rangeEnd,
        limit: EXPORT_PAGE_KEYS,
        keysOnly: false,
        revision: pinned,
      }),
    );
    if (pinned === undefined) onRevision(page.revision);
    pinned = page.revision;
    if (page.kvs.length) yield page.kvs;
    const last = page.kvs[page.kvs.length - 1];
    if (!page.more || !last) return;
    from = keyAfter(last.key);
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
