import { z } from "zod";
import { type Encoding, leaseIdSchema, type ResponseHeader } from "./kv";
import { MAX_PAGE_LIMIT, MAX_TTL_SECONDS } from "./requests";

/** Most leases one `GET /api/v1/leases` page may hold (each costs one LeaseTimeToLive). */
export const MAX_LEASE_PAGE = 1_000;

/** `POST /api/v1/leases` body: `ttl` in whole seconds (1 … etcd's MaxLeaseTTL). */
export const grantLeaseBodySchema = z
  .object({ ttl: z.number().int().min(1).max(MAX_TTL_SECONDS) })
  .strict();

/**
 * `GET /api/v1/leases` query: `limit` leases per page (default 200), `after` = the last lease ID
 * (hex) of the previous page; pages are in ascending lease ID order.
 */
export const listLeasesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(Math.min(MAX_LEASE_PAGE, MAX_PAGE_LIMIT)).default(200),
  after: leaseIdSchema.optional(),
});

/** The `{id}` path segment of `/api/v1/leases/{id}`: a hex lease ID. */
export const leaseParamsSchema = z.object({ id: leaseIdSchema });

/** A key attached to a lease, with its encoding (utf8 or base64). */
export type LeaseKeyDto = { key: string; keyEncoding: Encoding };

/**
 * One lease. `id`: hex. `ttl`: remaining seconds (etcd rounds down; the lease expires in under
 * ttl + 1 s). `grantedTtl`: seconds granted at creation or last renewal.
 */
export type LeaseDto = { id: string; ttl: number; grantedTtl: number; keys: LeaseKeyDto[] };

/** `GET /api/v1/leases` → one page of leases; `next` is the `after=` of the next page. */
export type ListLeasesResponse = {
  header: ResponseHeader;
  leases: LeaseDto[];
  more: boolean;
  next?: string;
};

/** `GET /api/v1/leases/{id}` → the lease with its keys. */
export type GetLeaseResponse = { header: ResponseHeader; lease: LeaseDto };

/** `POST /api/v1/leases` (201) → the new lease: hex `id`, `ttl` in seconds as etcd granted it. */
export type GrantLeaseResponse = { header: ResponseHeader; id: string; ttl: number };

/** `DELETE /api/v1/leases/{id}` → the lease is revoked and its keys deleted. */
export type RevokeLeaseResponse = { header: ResponseHeader; id: string; revoked: true };

/** `POST /api/v1/leases/{id}/keepalive` → the renewed `ttl` in seconds. */
export type KeepAliveResponse = { header: ResponseHeader; id: string; ttl: number };
