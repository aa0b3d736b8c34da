import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { GrantLeaseResponse } from "@/lib/contract";
import { apiFetch } from "./fetcher";
import { leaseKeys } from "./keys";
import { withExpiry, type LiveLease } from "./use-lease-query";

/** Grant a lease of `ttl` seconds: `POST /api/v1/leases` (etcd LeaseGrant) → its hex ID. */
export function grantLease(ttl: number, signal?: AbortSignal): Promise<GrantLeaseResponse> {
  return apiFetch<GrantLeaseResponse>("/leases", { method: "POST", body: { ttl }, signal });
}

type LeaseList = { leases: LiveLease[]; truncated: boolean };

/**
 * Grant mutation (variable: TTL in seconds). The new lease goes into the cached listing at
 * once (a refetch racing the grant can't hide it), then every lease read is refreshed.
 * Errors show inline.
 */
export function useGrantLeaseMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ttl: number) => grantLease(ttl),
    meta: { quiet: true },
    onSuccess: async (granted) => {
      await qc.cancelQueries({ queryKey: leaseKeys.list() });
      qc.setQueryData<LeaseList>(leaseKeys.list(), (list) => {
        if (!list || list.leases.some((l) => l.id === granted.id)) return list;
        const lease = withExpiry({
          id: granted.id,
          ttl: granted.ttl,
          grantedTtl: granted.ttl,
          keys: [],
        });
        const leases = [...list.leases, lease].sort((a, b) => a.expiresAt - b.expiresAt);
        return { ...list, leases };
      });
      await qc.invalidateQueries({ queryKey: leaseKeys.all });
    },
  });
}
