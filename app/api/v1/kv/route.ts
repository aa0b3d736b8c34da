import { deleteKvQuerySchema, getKvQuerySchema, putKvBodySchema } from "@/lib/contract";
import { withCompactedDetails } from "@/lib/etcd/history/revision-bounds";
import { deleteKey, deletePrefix, getKey, putKey } from "@/lib/etcd/kv";
import { assertRegistryKeyWritable, assertRegistryPrefixWritable } from "@/lib/etcd/registry-guard";
import { assertEtcdSize, bytesParam, parseJsonBody, parseQuery } from "@/lib/http/parse";
import { route } from "@/lib/http/route";
import { withDecoded } from "@/lib/kubernetes/kv-decoded";

/**
 * `GET /api/v1/kv?key=K[&keyEncoding=base64][&revision=R]` → `{header, kv, decoded?}` (etcd
 * Range; `decoded` for a Kubernetes value, docs/kubernetes.md).
 * 404 `key_not_found`; 410 `revision_compacted` with `details.compactRevision` and
 * `currentRevision`; 400 naming a bad parameter (a future `revision` too).
 */
export const GET = route(async (req) => {
  const q = parseQuery(req, getKvQuerySchema);
  const key = bytesParam("key", q.key, q.keyEncoding);
  return withDecoded(await withCompactedDetails(q.revision, key, () => getKey(key, q.revision)));
});

/**
 * `PUT /api/v1/kv` body `{key, keyEncoding?, value, valueEncoding?, lease?, ttl?,
 * expectedModRevision?}` → `{header, kv}` (etcd Txn/Put, LeaseGrant for `ttl` in seconds).
 * An existing key keeps its lease unless `lease` is given (`null` detaches).
 * 409 `conflict` with `details.current`; 404 `lease_not_found`; 400 naming the field; 403
 * `registry_protected` under /registry/.
 */
export const PUT = route(
  async (req) => {
    const body = await parseJsonBody(req, putKvBodySchema);
    const key = bytesParam("key", body.key, body.keyEncoding);
    const value = bytesParam("value", body.value, body.valueEncoding);
    assertEtcdSize(key, value);
    assertRegistryKeyWritable(key);
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
 * 404 `key_not_found`; 409 `conflict`; 400 for an empty prefix without `all=true`; 403
 * `registry_protected` for a key or prefix reaching /registry/.
 */
export const DELETE = route(
  async (req) => {
    const q = parseQuery(req, deleteKvQuerySchema);
    if (q.prefix !== undefined) {
      const prefix = bytesParam("prefix", q.prefix, q.prefixEncoding);
      // The empty prefix without all=true is a 400 first (deletePrefix), whatever it would reach.
      if (prefix.length > 0 || q.all) assertRegistryPrefixWritable(prefix);
      return deletePrefix(prefix, q.all);
    }
    const key = bytesParam("key", q.key!, q.keyEncoding);
    assertRegistryKeyWritable(key);
    return deleteKey(key, q.expectedModRevision);
  },
  { write: true },
);
