import "server-only";
import { castGrpcError } from "etcd3";
import type {
  GetLeaseResponse,
  GrantLeaseResponse,
  KeepAliveResponse,
  LeaseDto,
  LeaseTtlDto,
  LeaseTtlsResponse,
  ListLeasesResponse,
  RevokeLeaseResponse,
} from "@/lib/contract";
import { GatewayError } from "@/lib/errors/gateway-error";
import { encodeBytes } from "@/lib/format/bytes";
import { leaseFromHex, leaseToHex } from "./bytes";
import { getEtcd, UNARY_DEADLINE_MS } from "./client";

/** How many LeaseTimeToLive calls one listing keeps in flight at once. */
export const LEASE_LOOKUP_CONCURRENCY = 16;

/** How many LeaseTimeToLive calls one `GET /api/v1/leases/ttl` keeps in flight at once. */
export const LEASE_TTL_CONCURRENCY = 8;

/** A hex lease ID as the API answers it (zero-padded to 16 digits, as etcdctl prints it). */
function canonical(id: string): string {
  return leaseToHex(leaseFromHex(id)) ?? "0";
}

function notFound(id: string): GatewayError {
  return new GatewayError("lease_not_found", `lease ${id} does not exist (expired or revoked)`, {
    id,
  });
}

/** One LeaseTimeToLive (with keys) for a decimal ID; null when etcd answers TTL -1 (gone). */
async function timeToLive(
  decimalId: string,
): Promise<{ lease: LeaseDto; revision: string } | null> {
  const res = await getEtcd().read.leaseClient.leaseTimeToLive({ ID: decimalId, keys: true });
  if (Number(res.TTL) < 0) return null;
  const keys = (res.keys ?? []).map((k) => {
    const { text, encoding } = encodeBytes(Buffer.from(k));
    return { key: text, keyEncoding: encoding };
  });
  return {
    lease: {
      id: leaseToHex(decimalId) ?? "0",
      ttl: Number(res.TTL),
      grantedTtl: Number(res.grantedTTL),
      keys,
    },
    revision: res.header.revision,
  };
}

/** Map `items` through `fn` with at most `limit` calls in flight, keeping the input order (also lib/etcd/locks). */
export async function mapBounded<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>) {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * One page of leases in ascending ID order: LeaseLeases (IDs only), then LeaseTimeToLive with
 * keys for each ID on the page, {@link LEASE_LOOKUP_CONCURRENCY} at a time. Leases that expire
 * between the two calls are left out. `after` is the hex ID the previous page ended with.
 * @throws GatewayError 503/504 when etcd is unreachable or slow.
 */
export async function listLeases(opts: {
  limit: number;
  after?: string;
}): Promise<ListLeasesResponse> {
  const res = await getEtcd().read.leaseClient.leaseLeases();
  const after = opts.after === undefined ? -1n : BigInt(`0x${opts.after}`);
  const ids = res.leases
    .map((l) => BigInt(l.ID))
    .filter((id) => id > after)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const page = ids.slice(0, opts.limit);
  const more = ids.length > page.length;
  const found = await mapBounded(page, LEASE_LOOKUP_CONCURRENCY, (id) => timeToLive(id.toString()));
  const leases = found.flatMap((f) => (f ? [f.lease] : []));
  const last = page.at(-1);
  return {
    header: { revision: res.header.revision },
    leases,
    more,
    ...(more && last !== undefined ? { next: last.toString(16) } : {}),
  };
}

/**
 * One lease with its keys (LeaseTimeToLive, keys: true).
 * @param id  hex lease ID
 * @throws GatewayError 404 `lease_not_found` when etcd answers TTL -1.
 */
export async function getLease(id: string): Promise<GetLeaseResponse> {
  const found = await timeToLive(leaseFromHex(id));
  if (!found) throw notFound(id);
  return { header: { revision: found.revision }, lease: found.lease };
}

/**
 * The remaining TTL of each lease in `ids` (hex), in the order given: LeaseTimeToLive without
 * keys per ID (etcd 3.4 has no batch RPC), {@link LEASE_TTL_CONCURRENCY} at a time. A lease etcd
 * answers TTL -1 for (never granted, expired, revoked) is `{id, exists: false}`.
 * `header.revision` is the highest revision among the answers.
 * @throws GatewayError 503/504 when etcd is unreachable or slow (the whole batch fails).
 */
export async function leaseTtls(ids: string[]): Promise<LeaseTtlsResponse> {
  let revision = 0n;
  const leases = await mapBounded(ids, LEASE_TTL_CONCURRENCY, async (id): Promise<LeaseTtlDto> => {
    const res = await getEtcd().read.leaseClient.leaseTimeToLive({ ID: leaseFromHex(id) });
    if (BigInt(res.header.revision) > revision) revision = BigInt(res.header.revision);
    const ttl = Number(res.TTL);
    return ttl < 0
      ? { id: canonical(id), exists: false }
      : { id: canonical(id), exists: true, ttl, grantedTtl: Number(res.grantedTTL) };
  });
  return { header: { revision: revision.toString() }, leases };
}

/**
 * Grant a lease of `ttl` seconds (LeaseGrant) → its hex ID and the TTL etcd granted.
 * @throws GatewayError 503/504 (a timeout means the lease may or may not exist).
 */
export async function grantLease(ttl: number): Promise<GrantLeaseResponse> {
  const res = await getEtcd().write.leaseClient.leaseGrant({ TTL: ttl });
  return {
    header: { revision: res.header.revision },
    id: leaseToHex(res.ID) ?? "0",
    ttl: Number(res.TTL),
  };
}

/**
 * Revoke a lease (LeaseRevoke): etcd deletes every key attached to it.
 * @param id  hex lease ID
 * @throws GatewayError 404 `lease_not_found` for an unknown, expired or revoked lease.
 */
export async function revokeLease(id: string): Promise<RevokeLeaseResponse> {
  const res = await getEtcd().write.leaseClient.leaseRevoke({ ID: leaseFromHex(id) });
  return { header: { revision: res.header.revision }, id: canonical(id), revoked: true };
}

/**
 * Renew a lease once: one request/response on a raw LeaseKeepAlive duplex stream, closed
 * afterwards, bounded by {@link UNARY_DEADLINE_MS} (etcd3's keepaliveOnce can hang forever).
 * @param id  hex lease ID
 * @throws GatewayError 404 `lease_not_found` when etcd answers TTL 0; 504 past the deadline (the
 *   renewal may or may not have happened); 503 when etcd is unreachable or closes the stream.
 */
export async function keepAliveOnce(id: string): Promise<KeepAliveResponse> {
  const deadline = new Date(Date.now() + UNARY_DEADLINE_MS);
  const stream = await getEtcd().write.leaseClient.leaseKeepAlive({ deadline });
  const res = await new Promise<{ TTL: string; header: { revision: string } }>(
    (resolve, reject) => {
      stream.on("data", resolve);
      // The raw stream emits grpc's untyped errors (code 4 past the deadline, 14 when etcd is
      // down): type them as unary calls are, so the route answers 504/503 rather than 500.
      stream.on("error", (err: Error) => reject(castGrpcError(err)));
      stream.on("end", () => reject(streamEnded()));
      stream.write({ ID: leaseFromHex(id) });
    },
  ).finally(() => {
    try {
      stream.cancel();
    } catch {
      // already closed
    }
  });
  const ttl = Number(res.TTL);
  if (ttl <= 0) throw notFound(id);
  return { header: { revision: res.header.revision }, id: canonical(id), ttl };
}

/** etcd closed the LeaseKeepAlive stream without renewing (e.g. the member is shutting down). */
function streamEnded(): GatewayError {
  return new GatewayError(
    "etcd_unavailable",
    "etcd closed the keep-alive stream without answering; the lease may or may not have been renewed",
  );
}
