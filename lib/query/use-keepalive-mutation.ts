import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { KeepAliveResponse } from "@/lib/contract";
import { apiFetch } from "./fetcher";
import { leaseKeys } from "./keys";

/**
 * Renew a lease (hex ID) once: `POST /api/v1/leases/{id}/keepalive` (one etcd LeaseKeepAlive
 * round trip) → the new TTL in seconds. 404 `lease_not_found` when it already expired.
 */
export function keepAlive(id: string, signal?: AbortSignal): Promise<KeepAliveResponse> {
  return apiFetch<KeepAliveResponse>(`/leases/${encodeURIComponent(id)}/keepalive`, {
    method: "POST",
    signal,
  });
}

/** Keep-alive mutation; re-reads every lease so countdowns jump back up. */
export function useKeepAliveMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => keepAlive(id),
    onSettled: () => qc.invalidateQueries({ queryKey: leaseKeys.all }),
  });
}
