import { changePasswordBodySchema } from "@/lib/contract";
import { changePassword } from "@/lib/etcd/access-control/users";
import { parseJsonBody } from "@/lib/http/parse";
import { route } from "@/lib/http/route";
import { authParams, type AuthRouteCtx } from "../../../params";

/**
 * `PUT /api/v1/auth/users/{name}/password` body `{password}` → `{header, user}`
 * (Auth.UserChangePassword). Never echoed or logged. 404 `user_not_found`; 409 `auth_lockout`
 * for the gateway's own user while auth is on.
 */
export const PUT = route<AuthRouteCtx>(
  async (req, ctx) => {
    const { name } = await authParams(ctx);
    const body = await parseJsonBody(req, changePasswordBodySchema);
    return changePassword(name, body.password);
  },
  { write: true },
);
