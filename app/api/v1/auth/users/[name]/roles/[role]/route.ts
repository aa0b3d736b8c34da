import { grantRole, revokeRole } from "@/lib/etcd/access-control/users";
import { route } from "@/lib/http/route";
import { authParams, type AuthRouteCtx } from "../../../../params";

/**
 * `PUT /api/v1/auth/users/{name}/roles/{role}` → `{header, user}` with the role granted
 * (Auth.UserGrantRole; granting it again is a no-op). 404 `user_not_found` / `role_not_found`.
 */
export const PUT = route<AuthRouteCtx>(
  async (_req, ctx) => {
    const { name, role } = await authParams(ctx);
    return grantRole(name, role);
  },
  { write: true },
);

/**
 * `DELETE /api/v1/auth/users/{name}/roles/{role}` → `{header, user}` (Auth.UserRevokeRole). 404
 * `user_not_found`, `permission_not_found` (not granted); 409 `auth_lockout` for role root of
 * root or of the gateway's own user while auth is on.
 */
export const DELETE = route<AuthRouteCtx>(
  async (_req, ctx) => {
    const { name, role } = await authParams(ctx);
    return revokeRole(name, role);
  },
  { write: true },
);
