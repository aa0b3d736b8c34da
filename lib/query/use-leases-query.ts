import { type QueryClient, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ListLeasesResponse } from "@/lib/contract";
import { apiFetch } from "./fetcher";
import { leaseKeys } from "./keys";
import type { LeaseExpiry } from "./lease-ttl-batch";
import { LEASE_RESYNC_MS, withExpiry, type LiveLease } from "./use-lease-query";

/** Leases per `GET /api/v1/leases` page the lease manager asks for. */
export const LEASE_PAGE_SIZE = 500;
/** Most pages the lease manager reads (so at most 10k leases are shown). */
export const MAX_LEASE_PAGES = 20;

/**
 * Every lease (up to {@link MAX_LEASE_PAGES} pages), each with an absolute expiry, sorted by
 * expires soonest: `GET /api/v1/leases?limit=&after=` (etcd LeaseLeases + LeaseTimeToLive).
 * `truncated` is true when more leases exist than were read.
 */
export async function getAllLeases(
  signal?: AbortSignal,
): Promise<{ leases: LiveLease[]; truncated: boolean }> {
  const leases: LiveLease[] = [];
  let after: string | undefined;
  for (let i = 0; i < MAX_LEASE_PAGES; i++) {
    const page = await apiFetch<ListLeasesResponse>("/leases", {
      params: { limit: LEASE_PAGE_SIZE, after },
      signal,
    });
    const readAt = Date.now();
    leases.push(...page.leases.map((l) => withExpiry(l, readAt)));
    if (!page.more || !page.next) {
      return { leases: leases.sort((a, b) => a.expiresAt - b.expiresAt), truncated: false };
    }
    after = page.next;
  }
  return { leases: leases.sort((a, b) => a.expiresAt - b.expiresAt), truncated: true };
}

/**
 * Hand each listed lease's expiry to its countdown query (useLeaseQuery), which then re-reads it
 * near expiry on its own schedule instead of waiting for the next listing.
 */
function seedLeaseQueries(qc: QueryClient, leases: LiveLease[]): void {
  for (const { id, grantedTtl, expiresAt } of leases) {
    const seed: LeaseExpiry = { id, grantedTtl, expiresAt };
    qc.setQueryData(leaseKeys.lease(id), seed);
  }
}

/**
 * The lease manager's listing, re-read every {@link LEASE_RESYNC_MS} for new and vanished leases
 * and their keys; each row's countdown is kept fresh near expiry by its own lease query.
 */
export function useLeasesQuery() {
  const qc = useQueryClient();
  return useQuery({
    queryKey: leaseKeys.list(),
    queryFn: async ({ signal }) => {
      const all = await getAllLeases(signal);
      seedLeaseQueries(qc, all.leases);
      return all;
    },
    refetchInterval: LEASE_RESYNC_MS,
  });
}
