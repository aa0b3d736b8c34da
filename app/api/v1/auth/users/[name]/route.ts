import { deleteUser, getUser } from "@/lib/etcd/access-control/users";
import { route } from "@/lib/http/route";
import { authParams, type AuthRouteCtx } from "../../params";

/** `GET /api/v1/auth/users/{name}` → `{header, user: {name, roles}}` (Auth.UserGet). 404 `user_not_found`. */
export const GET = route<AuthRouteCtx>(async (_req, ctx) => getUser((await authParams(ctx)).name));

/**
 * `DELETE /api/v1/auth/users/{name}` → `{header, deleted}` (Auth.UserDelete). 404
 * `user_not_found`; 409 `auth_lockout` for the gateway's own user, or root, while auth is on.
 */
export const DELETE = route<AuthRouteCtx>(
  async (_req, ctx) => deleteUser((await authParams(ctx)).name),
  { write: true },
);
