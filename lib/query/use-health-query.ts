import { useQuery } from "@tanstack/react-query";
import type { HealthResponse } from "@/lib/contract";
import { apiFetch } from "./fetcher";
import { healthKeys } from "./keys";

/** Health poll interval while etcd is reachable, in milliseconds. */
export const HEALTH_INTERVAL_MS = 10_000;
/** Health poll interval while etcd is unreachable, in milliseconds. */
export const HEALTH_INTERVAL_DOWN_MS = 2_000;

/** Gateway + etcd status: `GET /api/v1/health` (etcd Status); 503 `etcd_unavailable` when down. */
export function getHealth(signal?: AbortSignal): Promise<HealthResponse> {
  return apiFetch<HealthResponse>("/health", { signal });
}

/**
 * Polls health forever: every {@link HEALTH_INTERVAL_MS} normally, every
 * {@link HEALTH_INTERVAL_DOWN_MS} while `down` so recovery is noticed quickly. No retries: each
 * poll is itself the retry.
 */
export function useHealthQuery(down: boolean) {
  return useQuery({
    queryKey: healthKeys.all,
    queryFn: ({ signal }) => getHealth(signal),
    refetchInterval: down ? HEALTH_INTERVAL_DOWN_MS : HEALTH_INTERVAL_MS,
    refetchIntervalInBackground: true,
    retry: false,
    staleTime: 0,
    meta: { quiet: true },
  });
}
