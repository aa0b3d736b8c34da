import { useQuery } from "@tanstack/react-query";
import type { LeaseDto } from "@/lib/contract";
import {
  expiryFromTtl,
  LEASE_RESYNC_MS,
  MIN_LEASE_READ_MS,
  nextLeaseReadMs,
} from "@/lib/format/lease-timing";
import { leaseKeys } from "./keys";
import { readLeaseExpiry, type LeaseExpiry } from "./lease-ttl-batch";

export { LEASE_RESYNC_MS } from "@/lib/format/lease-timing";
export type { LeaseExpiry } from "./lease-ttl-batch";

/** A lease as the UI keeps it: the DTO plus `expiresAt`, the absolute expiry in ms (epoch). */
export type LiveLease = LeaseDto & { expiresAt: number };

/**
 * A lease DTO read at `readAt` (ms) with its TTL (seconds, rounded down by etcd) turned into an
 * absolute expiry ({@link expiryFromTtl}).
 */
export function withExpiry(lease: LeaseDto, readAt = Date.now()): LiveLease {
  return { ...lease, expiresAt: expiryFromTtl(lease.ttl, readAt) };
}

/**
 * When to read `lease` again (TanStack `refetchInterval`): never once etcd said it is gone, on
 * the near-expiry schedule of {@link nextLeaseReadMs} while it lives, every
 * {@link LEASE_RESYNC_MS} while unread. Counted from `readAt` (when the data arrived), not from
 * now: TanStack restarts the timer whenever the interval it is given changes, and a countdown's
 * parent re-renders every second, so a now-based value would keep postponing the read.
 */
function readAgainIn(lease: LeaseExpiry | null | undefined, readAt: number): number | false {
  if (lease === null) return false;
  if (lease === undefined) return LEASE_RESYNC_MS;
  return nextLeaseReadMs(lease.expiresAt, lease.grantedTtl, readAt);
}

/**
 * A lease's expiry for a countdown (hex `id`): read through the batched
 * `GET /api/v1/leases/ttl` (etcd LeaseTimeToLive), then again just before the countdown would
 * turn red or reach 1 s, and at least every {@link LEASE_RESYNC_MS}, so a kept-alive lease shows
 * its renewals instead of counting down to "expiring". The countdown itself ticks locally from
 * `expiresAt`. `data` is null once the lease has expired or been revoked. Disabled while `id`
 * is null.
 */
export function useLeaseQuery(id: string | null) {
  return useQuery({
    queryKey: leaseKeys.lease(id ?? ""),
    queryFn: () => readLeaseExpiry(id as string),
    enabled: id !== null,
    staleTime: MIN_LEASE_READ_MS,
    refetchInterval: (query) => readAgainIn(query.state.data, query.state.dataUpdatedAt),
    meta: { quiet: true },
  });
}
