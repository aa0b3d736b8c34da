import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { KeepAliveResponse } from "@/lib/contract";
import { apiFetch } from "./fetcher";
import { leaseKeys } from "./keys";
import type { LeaseExpiry } from "./lease-ttl-batch";

/**
 * Renew a lease (hex ID) once: `POST /api/v1/leases/{id}/keepalive` (one etcd LeaseKeepAlive
 * round trip) → the new TTL in seconds. 404 `lease_not_found` when it already expired; 503/504
 * while etcd is down or slow (a 504 leaves it unknown whether the renewal happened).
 */
export function keepAlive(id: string, signal?: AbortSignal): Promise<KeepAliveResponse> {
  return apiFetch<KeepAliveResponse>(`/leases/${encodeURIComponent(id)}/keepalive`, {
    method: "POST",
    signal,
  });
}

/**
 * Keep-alive mutation: the lease's countdown jumps to the renewed TTL at once (shown as a
 * renewal), then every lease is re-read.
 */
export function useKeepAliveMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => keepAlive(id),
    onSuccess: (res) => {
      // A renewal answers the full granted TTL, exactly (no rounding to correct for).
      const renewed = (old: LeaseExpiry | null | undefined) =>
        old ? { ...old, expiresAt: Date.now() + res.ttl * 1000 } : old;
      qc.setQueryData(leaseKeys.lease(res.id), renewed);
    },
    onSettled: () => qc.invalidateQueries({ queryKey: leaseKeys.all }),
  });
}
