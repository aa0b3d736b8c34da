import { useQuery } from "@tanstack/react-query";
import type { GetLeaseResponse, LeaseDto } from "@/lib/contract";
import { isApiError } from "./api-error";
import { apiFetch } from "./fetcher";
import { leaseKeys } from "./keys";

/** How often a displayed lease is re-read from etcd to correct its local countdown, in ms. */
export const LEASE_RESYNC_MS = 10_000;

/** A lease as the UI keeps it: the DTO plus `expiresAt`, the absolute expiry in ms (epoch). */
export type LiveLease = LeaseDto & { expiresAt: number };

/** A lease DTO read at `readAt` (ms) with its TTL (seconds) turned into an absolute expiry. */
export function withExpiry(lease: LeaseDto, readAt = Date.now()): LiveLease {
  return { ...lease, expiresAt: readAt + lease.ttl * 1000 };
}

/**
 * One lease with its keys and absolute expiry: `GET /api/v1/leases/{id}` (etcd
 * LeaseTimeToLive). Resolves to null when the lease is gone (404 `lease_not_found`).
 */
export async function getLiveLease(id: string, signal?: AbortSignal): Promise<LiveLease | null> {
  try {
    const res = await apiFetch<GetLeaseResponse>(`/leases/${encodeURIComponent(id)}`, { signal });
    return withExpiry(res.lease);
  } catch (err) {
    if (isApiError(err, "lease_not_found")) return null;
    throw err;
  }
}

/**
 * A lease for a countdown: read once, then every {@link LEASE_RESYNC_MS}; the countdown itself
 * is computed locally from `expiresAt`. `data` is null once the lease has expired or been
 * revoked. Disabled while `id` is null.
 */
export function useLeaseQuery(id: string | null) {
  return useQuery({
    queryKey: leaseKeys.lease(id ?? ""),
    queryFn: ({ signal }) => getLiveLease(id as string, signal),
    enabled: id !== null,
    staleTime: LEASE_RESYNC_MS,
    refetchInterval: LEASE_RESYNC_MS,
    meta: { quiet: true },
  });
}
