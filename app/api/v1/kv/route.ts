import { deleteKvQuerySchema, getKvQuerySchema, putKvBodySchema } from "@/lib/contract";
import { withCompactedDetails } from "@/lib/etcd/history/revision-bounds";
import { deleteKey, deletePrefix, getKey, putKey } from "@/lib/etcd/kv";
import { assertEtcdSize, bytesParam, parseJsonBody, parseQuery } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

/**
 * `GET /api/v1/kv?key=K[&keyEncoding=base64][&revision=R]` → `{header, kv}` (etcd Range).
 * 404 `key_not_found`; 410 `revision_compacted` with `details.compactRevision` and
 * `currentRevision`; 400 naming a bad parameter (a future `revision` too).
 */
export const GET = route(async (req) => {
  const q = parseQuery(req, getKvQuerySchema);
  const key = bytesParam("key", q.key, q.keyEncoding);
  return withCompactedDetails(q.revision, key, () => getKey(key, q.revision));
});

/**
 * `PUT /api/v1/kv` body `{key, keyEncoding?, value, valueEncoding?, lease?, ttl?,
 * expectedModRevision?}` → `{header, kv}` (etcd Txn/Put, LeaseGrant for `ttl` in seconds).
 * An existing key keeps its lease unless `lease` is given (`null` detaches).
 * 409 `conflict` with `details.current`; 404 `lease_not_found`; 400 naming the field.
 */
export const PUT = route(
  async (req) => {
    const body = await parseJsonBody(req, putKvBodySchema);
    const key = bytesParam("key", body.key, body.keyEncoding);
    const value = bytesParam("value", body.value, body.valueEncoding);
    assertEtcdSize(key, value);
    return putKey({
      key,
      value,
      lease: body.lease,
      ttl: body.ttl,
      expectedModRevision: body.expectedModRevision,
    });
  },
  { write: true },
);

/**
 * `DELETE /api/v1/kv?key=K[&expectedModRevision=N]` → `{header, deleted, prevKv}`, or
 * `DELETE /api/v1/kv?prefix=P[&all=true]` → `{header, deleted}` (etcd DeleteRange / Txn).
 * 404 `key_not_found`; 409 `conflict`; 400 for an empty prefix without `all=true`.
 */
export const DELETE = route(
  async (req) => {
    const q = parseQuery(req, deleteKvQuerySchema);
    if (q.prefix !== undefined) {
      return deletePrefix(bytesParam("prefix", q.prefix, q.prefixEncoding), q.all);
    }
    return deleteKey(bytesParam("key", q.key!, q.keyEncoding), q.expectedModRevision);
  },
  { write: true },
);
