import { permissionBodySchema } from "@/lib/contract";
import { grantPermission, revokePermission } from "@/lib/etcd/access-control/roles";
import { parseJsonBody } from "@/lib/http/parse";
import { route } from "@/lib/http/route";
import { authParams, type AuthRouteCtx } from "../../../params";

/**
 * `PUT /api/v1/auth/roles/{name}/permissions` body `{key, keyEncoding?, rangeEnd?,
 * rangeEndEncoding?, prefix?, permType}` → `{header, role}` (Auth.RoleGrantPermission): one key,
 * a prefix, or `[key, rangeEnd)`. 404 `role_not_found`; 400 naming the field.
 */
export const PUT = route<AuthRouteCtx>(
  async (req, ctx) => {
    const { name } = await authParams(ctx);
    return grantPermission(name, await parseJsonBody(req, permissionBodySchema));
  },
  { write: true },
);

/**
 * `DELETE /api/v1/auth/roles/{name}/permissions` with the same body (`permType` ignored) →
 * `{header, role}` (Auth.RoleRevokePermission). 404 `role_not_found`, `permission_not_found`.
 */
export const DELETE = route<AuthRouteCtx>(
  async (req, ctx) => {
    const { name } = await authParams(ctx);
    return revokePermission(name, await parseJsonBody(req, permissionBodySchema));
  },
  { write: true },
);
