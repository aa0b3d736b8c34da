import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { GrantLeaseResponse } from "@/lib/contract";
import { apiFetch } from "./fetcher";
import { leaseKeys } from "./keys";

/** Grant a lease of `ttl` seconds: `POST /api/v1/leases` (etcd LeaseGrant) → its hex ID. */
export function grantLease(ttl: number, signal?: AbortSignal): Promise<GrantLeaseResponse> {
  return apiFetch<GrantLeaseResponse>("/leases", { method: "POST", body: { ttl }, signal });
}

/** Grant mutation (variable: TTL in seconds); refreshes every lease read. Errors show inline. */
export function useGrantLeaseMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ttl: number) => grantLease(ttl),
    meta: { quiet: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: leaseKeys.all }),
  });
}
