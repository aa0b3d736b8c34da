import { keepAliveOnce } from "@/lib/etcd/leases";
import { route } from "@/lib/http/route";
import { leaseIdParam, type LeaseRouteCtx } from "../params";

/**
 * `POST /api/v1/leases/{id}/keepalive` → `{header, id, ttl}`: renews the lease once (one
 * LeaseKeepAlive round trip, with a deadline); `ttl` in seconds. 404 `lease_not_found` when
 * etcd answers TTL 0; 400 naming `id`; 504 when etcd does not answer in time.
 */
export const POST = route<LeaseRouteCtx>(
  async (_req, ctx) => keepAliveOnce(await leaseIdParam(ctx)),
  { write: true },
);
