import "server-only";
import type {
  GetLeaseResponse,
  GrantLeaseResponse,
  KeepAliveResponse,
  LeaseDto,
  ListLeasesResponse,
  RevokeLeaseResponse,
} from "@/lib/contract";
import { GatewayError } from "@/lib/http/gateway-error";
import { encodeBytes, leaseFromHex, leaseToHex } from "./bytes";
import { getEtcd, UNARY_DEADLINE_MS } from "./client";

/** How many LeaseTimeToLive calls one listing keeps in flight at once. */
export const LEASE_LOOKUP_CONCURRENCY = 16;

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

/** Map `items` through `fn` with at most `limit` calls in flight, keeping the input order. */
async function mapBounded<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>) {
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
 * @throws GatewayError 404 `lease_not_found` when etcd answers TTL 0; 504 past the deadline.
 */
export async function keepAliveOnce(id: string): Promise<KeepAliveResponse> {
  const deadline = new Date(Date.now() + UNARY_DEADLINE_MS);
  const stream = await getEtcd().write.leaseClient.leaseKeepAlive({ deadline });
  const res = await new Promise<{ TTL: string; header: { revision: string } }>(
    (resolve, reject) => {
      stream.on("data", resolve);
      stream.on("error", reject);
      stream.on("end", () => reject(new Error("LeaseKeepAlive stream ended without an answer")));
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
