import "server-only";
import { authNameSchema } from "@/lib/contract";
import { invalidField } from "@/lib/errors/gateway-error";

/** The route context Next passes to `/api/v1/auth/{users,roles}/{name}/**` handlers. */
export type AuthRouteCtx = { params: Promise<{ name: string; role?: string }> };

/**
 * The user or role name (`name`) and, under `/roles/{role}`, the role from the path.
 * @throws GatewayError 400 `invalid_request` naming `name` or `role` when empty, over 128
 *   characters or holding control characters.
 */
export async function authParams(ctx: AuthRouteCtx): Promise<{ name: string; role: string }> {
  const params = await ctx.params;
  const check = (field: "name" | "role", value: string | undefined) => {
    const parsed = authNameSchema.safeParse(value ?? "");
    if (!parsed.success) throw invalidField(field, parsed.error.issues[0].message);
    return parsed.data;
  };
  return {
    name: check("name", params.name),
    role: params.role === undefined ? "" : check("role", params.role),
  };
}
