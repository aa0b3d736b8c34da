import "server-only";
import { leaseParamsSchema } from "@/lib/contract";
import { invalidField } from "@/lib/errors/gateway-error";

/** The route context Next passes to `/api/v1/leases/{id}/**` handlers. */
export type LeaseRouteCtx = { params: Promise<{ id: string }> };

/**
 * The hex lease ID from the path.
 * @throws GatewayError 400 `invalid_request` naming `id` when it is not hex.
 */
export async function leaseIdParam(ctx: LeaseRouteCtx): Promise<string> {
  const parsed = leaseParamsSchema.safeParse(await ctx.params);
  if (!parsed.success) throw invalidField("id", parsed.error.issues[0].message);
  return parsed.data.id;
}
