import { useQuery } from "@tanstack/react-query";
import type { AuthStatusResponse, RolesResponse, UsersResponse } from "@/lib/contract";
import { apiFetch } from "./fetcher";
import { accessKeys } from "./keys";

/** `GET /api/v1/auth/status`: whether etcd has auth on, and whom the gateway connects as. */
export function useAuthStatusQuery() {
  return useQuery({
    queryKey: accessKeys.status(),
    queryFn: ({ signal }) => apiFetch<AuthStatusResponse>("/auth/status", { signal }),
    meta: { quiet: true },
  });
}

/** `GET /api/v1/auth/users` (UserList + UserGet each): every user and its roles. */
export function useUsersQuery() {
  return useQuery({
    queryKey: accessKeys.users(),
    queryFn: ({ signal }) => apiFetch<UsersResponse>("/auth/users", { signal }),
    meta: { quiet: true },
  });
}

/** `GET /api/v1/auth/roles` (RoleList + RoleGet each): every role and its permissions. */
export function useRolesQuery() {
  return useQuery({
    queryKey: accessKeys.roles(),
    queryFn: ({ signal }) => apiFetch<RolesResponse>("/auth/roles", { signal }),
    meta: { quiet: true },
  });
}
