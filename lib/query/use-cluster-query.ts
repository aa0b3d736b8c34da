import { useQuery } from "@tanstack/react-query";
import type { ClusterResponse } from "@/lib/contract";
import { apiFetch } from "./fetcher";
import { clusterKeys } from "./keys";

/** Cluster poll interval on the cluster page, in milliseconds. */
export const CLUSTER_INTERVAL_MS = 3_000;
/** Poll interval of the header's health dot on other pages, in milliseconds. */
export const HEALTH_INTERVAL_MS = 10_000;

/**
 * Members with their own status, leader and alarms: `GET /api/v1/cluster` (MemberList, Status
 * per member, Alarm). @throws ApiError 503 `etcd_unavailable` when no member answers.
 */
export function getCluster(signal?: AbortSignal): Promise<ClusterResponse> {
  return apiFetch<ClusterResponse>("/cluster", { signal });
}

/**
 * Polls the cluster view every `intervalMs` (default {@link CLUSTER_INTERVAL_MS}); `background`
 * keeps polling in hidden tabs. The header's health dot and the cluster page share one cache
 * entry, so on the cluster page the faster observer drives both. No retries: each poll is
 * itself the retry; failures are quiet (the header shows them).
 */
export function useClusterQuery({
  intervalMs = CLUSTER_INTERVAL_MS,
  background = true,
}: { intervalMs?: number; background?: boolean } = {}) {
  return useQuery({
    queryKey: clusterKeys.all,
    queryFn: ({ signal }) => getCluster(signal),
    refetchInterval: intervalMs,
    refetchIntervalInBackground: background,
    retry: false,
    staleTime: 0,
    meta: { quiet: true },
  });
}
