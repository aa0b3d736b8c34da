import { type QueryClient, useQuery, useQueryClient } from "@tanstack/react-query";
import type { LeaseDto } from "@/lib/contract";
import {
  expiryFromTtl,
  LEASE_PIGGYBACK_MS,
  LEASE_RESYNC_MS,
  MIN_LEASE_READ_MS,
  nextLeaseReadMs,
} from "@/lib/format/lease-timing";
import { leaseKeys } from "./keys";
import { type LeaseCompanions, readLeaseExpiry, type LeaseExpiry } from "./lease-ttl-batch";

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
 * The leases shown on the page (lease queries with an observer) whose next read is due within
 * {@link LEASE_PIGGYBACK_MS}: a batch reads them along, and their queries get the answer.
 */
function leaseCompanions(qc: QueryClient): LeaseCompanions {
  return {
    dueSoon: () => {
      const now = Date.now();
      const queries = qc.getQueryCache().findAll({ queryKey: leaseKeys.ids(), type: "active" });
      return queries.flatMap((q) => {
        const lease = q.state.data as LeaseExpiry | null | undefined;
        const wait = readAgainIn(lease, q.state.dataUpdatedAt);
        const soon =
          lease && wait !== false && q.state.dataUpdatedAt + wait <= now + LEASE_PIGGYBACK_MS;
        return soon ? [lease.id] : [];
      });
    },
    deliver: (id, lease) => qc.setQueryData(leaseKeys.lease(id), lease),
  };
}

/**
 * A lease's expiry for a countdown (hex `id`): read through the batched
 * `GET /api/v1/leases/ttl` (etcd LeaseTimeToLive), then again just before the countdown would
 * turn red or reach 1 s, and at least every {@link LEASE_RESYNC_MS}, so a kept-alive lease shows
 * its renewals instead of counting down to "expiring". The countdown itself ticks locally from
 * `expiresAt`. `data` is null once the lease has expired or been revoked. Disabled while `id`
 * is null. The read also carries the page's other leases that are due soon (one request).
 */
export function useLeaseQuery(id: string | null) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: leaseKeys.lease(id ?? ""),
    queryFn: () => readLeaseExpiry(id as string, leaseCompanions(qc)),
    enabled: id !== null,
    staleTime: MIN_LEASE_READ_MS,
    refetchInterval: (query) => readAgainIn(query.state.data, query.state.dataUpdatedAt),
    meta: { quiet: true },
  });
}
