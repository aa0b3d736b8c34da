import { useQuery } from "@tanstack/react-query";
import type { ClusterMetricsResponse } from "@/lib/contract";
import { apiFetch } from "./fetcher";
import { metricsKeys } from "./keys";

/** How often the dashboard samples the members' metrics, in ms. */
export const METRICS_INTERVAL_MS = 5_000;

/**
 * Polls `GET /api/v1/cluster/metrics` every {@link METRICS_INTERVAL_MS} while the page is open
 * (not in hidden tabs: the series would only have gaps). No retries: the next poll is the retry.
 */
export function useClusterMetricsQuery() {
  return useQuery({
    queryKey: metricsKeys.all,
    queryFn: ({ signal }) => apiFetch<ClusterMetricsResponse>("/cluster/metrics", { signal }),
    refetchInterval: METRICS_INTERVAL_MS,
    retry: false,
    staleTime: 0,
    meta: { quiet: true },
  });
}
