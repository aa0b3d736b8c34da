import { useQuery } from "@tanstack/react-query";
import type { ListLeasesResponse } from "@/lib/contract";
import { apiFetch } from "./fetcher";
import { leaseKeys } from "./keys";
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

/** The lease manager's listing, re-read every 10 s (countdowns tick locally in between). */
export function useLeasesQuery() {
  return useQuery({
    queryKey: leaseKeys.list(),
    queryFn: ({ signal }) => getAllLeases(signal),
    refetchInterval: LEASE_RESYNC_MS,
  });
}
