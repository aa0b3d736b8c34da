import { useQuery } from "@tanstack/react-query";
import type { RangeResponse } from "@/lib/contract";
import { apiFetch } from "./fetcher";
import { kvKeys } from "./keys";

/** Most keys the service-discovery view lists under one prefix. */
export const SERVICES_LIMIT = 2_000;

/**
 * Every key under `prefix` (UTF-8), values included, up to {@link SERVICES_LIMIT}:
 * `GET /api/v1/range?prefix=P&limit=N` (etcd Range). `more` is true when keys were left out.
 */
export function getRange(prefix: string, signal?: AbortSignal): Promise<RangeResponse> {
  return apiFetch<RangeResponse>("/range", { params: { prefix, limit: SERVICES_LIMIT }, signal });
}

/** The keys under `prefix`, for the service-discovery view (refreshed from watch events). */
export function useRangeQuery(prefix: string) {
  return useQuery({
    queryKey: kvKeys.range(prefix),
    queryFn: ({ signal }) => getRange(prefix, signal),
  });
}
