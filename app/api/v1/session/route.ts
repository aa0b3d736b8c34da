import { z } from "zod";
import { GatewayError } from "@/lib/http/gateway-error";
import { parseJsonBody } from "@/lib/http/parse";
import { route } from "@/lib/http/route";
import { securityConfig } from "@/lib/http/security/config";
import { constantTimeEqual, sessionCookie } from "@/lib/http/security/token";

const sessionBodySchema = z.object({ token: z.string().min(1, "is required").max(4096) }).strict();

const secure = (req: Request) => new URL(req.url).protocol === "https:";

/**
 * `POST /api/v1/session` body `{token}` → 204 with the session cookie (HttpOnly, SameSite=Strict,
 * Path=/) when `token` equals `ETCD_EXPLORER_TOKEN` (compared in constant time); 401
 * `unauthorized` otherwise. Without a configured token it answers 204 and sets nothing.
 */
export const POST = route(
  async (req) => {
    const { token } = await parseJsonBody(req, sessionBodySchema);
    const expected = securityConfig().token;
    if (expected === null) return new Response(null, { status: 204 });
    if (!constantTimeEqual(token, expected)) {
      throw new GatewayError("unauthorized", "wrong token");
    }
    return new Response(null, {
      status: 204,
      headers: { "Set-Cookie": sessionCookie(expected, secure(req)) },
    });
  },
  { auth: false, readOnlyApplies: false },
);

/** `DELETE /api/v1/session` → 204 and the session cookie cleared (sign out). */
export const DELETE = route(
  async (req) => {
    const token = securityConfig().token ?? "";
    return new Response(null, {
      status: 204,
      headers: { "Set-Cookie": sessionCookie(token, secure(req), 0) },
    });
  },
  { auth: false, readOnlyApplies: false },
);
