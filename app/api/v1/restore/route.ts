import { restoreBodySchema } from "@/lib/contract";
import { restoreKeys } from "@/lib/etcd/history/restore";
import { bytesParam, parseJsonBody } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

/**
 * `POST /api/v1/restore` body `{items: [{key, keyEncoding?, revision}], mode?: "create-only" |
 * "overwrite"}` → `{header, mode, atomic, transactions, maxTxnOps, note?, results: [{key,
 * keyEncoding, outcome: "restored" | "exists" | "not_found" | "compacted", revision?}]}`: writes
 * each key's value as of `revision` back, without a lease (etcd Txn of Ranges at the old
 * revisions, then Txns of at most 128 guarded puts). `create-only` (default) never overwrites a
 * key that exists now; `overwrite` is guarded by each key's current mod revision. More than one
 * Txn is not atomic (`atomic: false`, `note`). 400 naming the item field; 403; 503/504.
 */
export const POST = route(
  async (req) => {
    const body = await parseJsonBody(req, restoreBodySchema);
    const items = body.items.map((it, i) => ({
      key: bytesParam(`items.${i}.key`, it.key, it.keyEncoding),
      revision: BigInt(it.revision),
    }));
    return restoreKeys(items, body.mode);
  },
  { write: true },
);
