import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { RevokeLeaseResponse } from "@/lib/contract";
import { apiFetch } from "./fetcher";
import { invalidateFolder } from "./invalidate";
import { leaseKeys } from "./keys";

/**
 * Revoke a lease (hex ID): `DELETE /api/v1/leases/{id}` (etcd LeaseRevoke; its keys are
 * deleted). 404 `lease_not_found` when it already expired.
 */
export function revokeLease(id: string, signal?: AbortSignal): Promise<RevokeLeaseResponse> {
  return apiFetch<RevokeLeaseResponse>(`/leases/${encodeURIComponent(id)}`, {
    method: "DELETE",
    signal,
  });
}

/** Revoke mutation; refreshes lease reads and every key read (the lease's keys are gone). */
export function useRevokeLeaseMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => revokeLease(id),
    meta: { quiet: true },
    onSettled: () =>
      Promise.all([qc.invalidateQueries({ queryKey: leaseKeys.all }), invalidateFolder(qc)]),
  });
}
