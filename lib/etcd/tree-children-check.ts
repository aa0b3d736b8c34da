import "server-only";
import { prefixEnd } from "./bytes";
import { getEtcd } from "./client";

/** etcd's default --max-txn-ops: the most range probes one Txn may carry. */
const MAX_TXN_OPS = 128;

/**
 * For each prefix, whether at least one key starts with it at `revision` — one read-only etcd
 * Txn of `limit: 1, keys_only` range probes per 128 prefixes instead of a round trip each.
 */
export async function childrenHaveKeys(prefixes: Buffer[], revision: string): Promise<boolean[]> {
  const out: boolean[] = [];
  for (let i = 0; i < prefixes.length; i += MAX_TXN_OPS) {
    const chunk = prefixes.slice(i, i + MAX_TXN_OPS);
    const res = await getEtcd().read.kv.txn({
      success: chunk.map((p) => ({
        request_range: { key: p, range_end: prefixEnd(p), limit: 1, keys_only: true, revision },
      })),
    });
    for (const r of res.responses) out.push((r.response_range?.kvs.length ?? 0) > 0);
  }
  return out;
}
