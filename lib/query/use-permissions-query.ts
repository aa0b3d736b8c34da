import { useQuery } from "@tanstack/react-query";
import type { PermissionsResponse } from "@/lib/contract";
import { apiFetch } from "./fetcher";
import { permissionKeys } from "./keys";

/**
 * What the etcd user the gateway connects as may touch: `GET /api/v1/permissions` (etcd
 * Auth.UserGet on its own name, Auth.RoleGet on its roles; the gateway caches it 30 s).
 * @throws ApiError 503 `etcd_unavailable` when etcd can't be asked.
 */
export function getPermissions(signal?: AbortSignal): Promise<PermissionsResponse> {
  return apiFetch<PermissionsResponse>("/permissions", { signal });
}

/** {@link getPermissions} as a query, fetched once per page load (roles rarely change). */
export function usePermissionsQuery() {
  return useQuery({
    queryKey: permissionKeys.all,
    queryFn: ({ signal }) => getPermissions(signal),
    staleTime: 5 * 60_000,
    retry: 1,
    meta: { quiet: true },
  });
}
