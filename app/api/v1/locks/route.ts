import { locksQuerySchema } from "@/lib/contract";
import { listLocks } from "@/lib/etcd/locks/list-locks";
import { bytesParam, parseQuery } from "@/lib/http/parse";
import { HEAVY_READ, route } from "@/lib/http/route";

/**
 * `GET /api/v1/locks[?prefix=P][&prefixEncoding]` → `{header, prefix, prefixEncoding, locks:
 * [{name, prefix, kind, library, holder, waiters}], truncated}`: the Go concurrency
 * Mutex/Election (`etcdctl lock|elect`), `etcd3` npm Election/Lock and python-etcd3 Lock layouts
 * found under P (the empty prefix: the whole keyspace). etcd RPCs: a keys-only Range, Txns of
 * Ranges for leased keys' values, LeaseTimeToLive per lease, historical Ranges for `heldSince`
 * (docs/coordination.md). 400 naming `prefix`; 403 `etcd_permission_denied`.
 * Same-origin only (403 `forbidden_origin` for a cross-site request): it reads much of etcd,
 * so no other site may start one.
 */
export const GET = route(async (req) => {
  const q = parseQuery(req, locksQuerySchema);
  return listLocks(bytesParam("prefix", q.prefix, q.prefixEncoding));
}, HEAVY_READ);
