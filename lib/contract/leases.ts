import { z } from "zod";
import { type Encoding, INT64_MAX, leaseIdSchema, type ResponseHeader } from "./kv";
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

/** Most lease IDs one `GET /api/v1/leases/ttl?ids=` may name (each costs one LeaseTimeToLive). */
export const MAX_LEASE_TTL_BATCH = 100;

/**
 * `GET /api/v1/leases/ttl` query: `ids` = 1 to {@link MAX_LEASE_TTL_BATCH} comma-separated hex
 * lease IDs (as etcdctl prints them, each ≤ 7fffffffffffffff). Duplicates are read once; the
 * answer keeps the order of first mention. Every problem is reported on the field `ids`.
 */
export const leaseTtlQuerySchema = z.object({
  ids: z
    .string({ error: "is required (comma-separated hex lease IDs)" })
    // Bound the text before the regex looks at it: 100 IDs of 16 digits plus commas.
    .max(MAX_LEASE_TTL_BATCH * 17, `names more than ${MAX_LEASE_TTL_BATCH} lease IDs`)
    .regex(
      /^[0-9a-f]{1,16}(,[0-9a-f]{1,16})*$/,
      "must be comma-separated lease IDs in hex (as etcdctl prints them)",
    )
    // Zero-padded as etcdctl prints them, so `abc` and `0abc` are read once.
    .transform((text) => [...new Set(text.split(",").map((id) => id.padStart(16, "0")))])
    .refine(
      (ids) => ids.length <= MAX_LEASE_TTL_BATCH,
      `names more than ${MAX_LEASE_TTL_BATCH} lease IDs`,
    )
    .refine(
      (ids) => ids.every((id) => BigInt(`0x${id}`) <= INT64_MAX),
      "holds a lease ID beyond int64 (etcd lease IDs are at most 7fffffffffffffff)",
    ),
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

/**
 * One lease's remaining TTL in a `GET /api/v1/leases/ttl` answer. `id`: hex, zero-padded to 16
 * digits as etcdctl prints it. `exists: false` when etcd knows no such lease (never granted,
 * expired or revoked — etcd answers TTL -1 for all three). `ttl`: remaining seconds, rounded
 * down (the lease expires in under ttl + 1 s); `grantedTtl`: seconds granted at creation.
 */
export type LeaseTtlDto =
  { id: string; exists: true; ttl: number; grantedTtl: number } | { id: string; exists: false };

/**
 * `GET /api/v1/leases/ttl?ids=a,b,c` → each lease's remaining TTL (no keys), in the order asked;
 * `header.revision` is the highest revision the reads saw.
 */
export type LeaseTtlsResponse = { header: ResponseHeader; leases: LeaseTtlDto[] };
