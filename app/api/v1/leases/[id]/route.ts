import { getLease, revokeLease } from "@/lib/etcd/leases";
import { assertLeaseRevocable } from "@/lib/etcd/registry-guard";
import { route } from "@/lib/http/route";
import { leaseIdParam, type LeaseRouteCtx } from "./params";

/**
 * `GET /api/v1/leases/{id}` → `{header, lease: {id, ttl, grantedTtl, keys}}` (etcd
 * LeaseTimeToLive with keys; TTLs in seconds). 404 `lease_not_found`; 400 naming `id`.
 */
export const GET = route<LeaseRouteCtx>(async (_req, ctx) => getLease(await leaseIdParam(ctx)));

/**
 * `DELETE /api/v1/leases/{id}` → `{header, id, revoked: true}` (etcd LeaseRevoke: every key
 * attached to the lease is deleted). 404 `lease_not_found`; 400 naming `id`; 403
 * `registry_protected` when the lease holds keys under /registry/ (LeaseTimeToLive first).
 */
export const DELETE = route<LeaseRouteCtx>(
  async (_req, ctx) => {
    const id = await leaseIdParam(ctx);
    await assertLeaseRevocable(id);
    return revokeLease(id);
  },
  { write: true },
);
