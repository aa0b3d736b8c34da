import { useQuery } from "@tanstack/react-query";
import type { LocksResponse } from "@/lib/contract";
import { apiFetch } from "./fetcher";
import { lockKeys } from "./keys";

/**
 * The locks and elections under `prefix` (UTF-8): `GET /api/v1/locks?prefix=P` (a keys-only
 * Range, the leased keys' values, LeaseTimeToLive per lease). Refreshed by the locks page from
 * watch events on the prefix, and every 10 s as a fallback.
 */
export function useLocksQuery(prefix: string) {
  return useQuery({
    queryKey: lockKeys.prefix(prefix),
    queryFn: ({ signal }) => apiFetch<LocksResponse>("/locks", { params: { prefix }, signal }),
    refetchInterval: 10_000,
  });
}
