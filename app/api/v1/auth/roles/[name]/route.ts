import { deleteRole, getRole } from "@/lib/etcd/access-control/roles";
import { route } from "@/lib/http/route";
import { authParams, type AuthRouteCtx } from "../../params";

/** `GET /api/v1/auth/roles/{name}` → `{header, role: {name, permissions}}` (Auth.RoleGet). 404 `role_not_found`. */
export const GET = route<AuthRouteCtx>(async (_req, ctx) => getRole((await authParams(ctx)).name));

/**
 * `DELETE /api/v1/auth/roles/{name}` → `{header, deleted}` (Auth.RoleDelete; etcd revokes it
 * from every user). 404 `role_not_found`; 409 `auth_lockout` for role root while auth is on.
 */
export const DELETE = route<AuthRouteCtx>(
  async (_req, ctx) => deleteRole((await authParams(ctx)).name),
  { write: true },
);
