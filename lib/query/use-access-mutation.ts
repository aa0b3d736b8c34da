import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "./fetcher";
import { accessKeys } from "./keys";

/**
 * One change to etcd users, roles or the auth switch: `method` on `/api/v1/auth/<path>` with an
 * optional JSON `body` (a password travels only here, never into a cache). Path segments must
 * already be encoded (see {@link authPath}).
 */
export type AccessChange = { method: "POST" | "PUT" | "DELETE"; path: string; body?: unknown };

/** `/auth/<segments…>` with each segment percent-encoded (user and role names are free text). */
export function authPath(...segments: string[]): string {
  return `/auth/${segments.map(encodeURIComponent).join("/")}`;
}

/**
 * Mutation for {@link AccessChange}s; on success or failure refreshes every access query (users,
 * roles, status). Errors are shown inline by the caller (quiet).
 */
export function useAccessMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (c: AccessChange) => apiFetch<unknown>(c.path, { method: c.method, body: c.body }),
    meta: { quiet: true },
    onSettled: () => qc.invalidateQueries({ queryKey: accessKeys.all }),
  });
}
