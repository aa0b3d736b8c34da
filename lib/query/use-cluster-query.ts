import { useQuery } from "@tanstack/react-query";
import type { ClusterResponse } from "@/lib/contract";
import { apiFetch } from "./fetcher";
import { clusterKeys } from "./keys";

/** Cluster poll interval, in milliseconds. */
export const CLUSTER_INTERVAL_MS = 3_000;

/**
 * Members with their own status, leader and alarms: `GET /api/v1/cluster` (MemberList, Status
 * per member, Alarm). @throws ApiError 503 `etcd_unavailable` when no member answers.
 */
export function getCluster(signal?: AbortSignal): Promise<ClusterResponse> {
  return apiFetch<ClusterResponse>("/cluster", { signal });
}

/**
 * Polls the cluster view every {@link CLUSTER_INTERVAL_MS}, also in background tabs. Shared by
 * the header's health dot and the cluster page (one request per interval). No retries: each poll
 * is itself the retry; failures are quiet (the header shows them).
 */
export function useClusterQuery() {
  return useQuery({
    queryKey: clusterKeys.all,
    queryFn: ({ signal }) => getCluster(signal),
    refetchInterval: CLUSTER_INTERVAL_MS,
    refetchIntervalInBackground: true,
    retry: false,
    staleTime: 0,
    meta: { quiet: true },
  });
}
