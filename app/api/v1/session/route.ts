import { NextResponse } from "next/server";
import { z } from "zod";
import { GatewayError } from "@/lib/errors/gateway-error";
import { parseJsonBody } from "@/lib/http/parse";
import { route } from "@/lib/http/route";
import { clientAddress } from "@/lib/http/security/client-address";
import { securityConfig } from "@/lib/http/security/config";
import { createSession, revokeSession } from "@/lib/http/security/sessions";
import {
  clearSignInFailures,
  noteSignInFailure,
  signInWait,
} from "@/lib/http/security/sign-in-limit";
import {
  constantTimeEqual,
  requestCookies,
  sessionId,
  setSessionCookie,
} from "@/lib/http/security/token";

const sessionBodySchema = z.object({ token: z.string().min(1, "is required").max(4096) }).strict();

const secure = (req: Request) => new URL(req.url).protocol === "https:";

/**
 * `POST /api/v1/session` body `{token}` → 204 with a session cookie (a random session ID held in
 * the gateway's memory for 12 h from sign-in; HttpOnly, SameSite=Strict, Path=/) when `token`
 * equals `ETCD_EXPLORER_TOKEN` (compared in constant time). 401 `unauthorized` for a wrong
 * token; 429 `too_many_requests` with `Retry-After` (seconds) after 5 wrong tokens in a minute
 * from one client address (or 50 from all), without looking at the token. Without a configured
 * token it answers 204 and sets nothing.
 */
export const POST = route(
  async (req) => {
    const { token } = await parseJsonBody(req, sessionBodySchema);
    const expected = securityConfig().token;
    if (expected === null) return new Response(null, { status: 204 });
    const client = clientAddress(req);
    const wait = signInWait(client);
    if (wait !== null) {
      throw new GatewayError(
        "too_many_requests",
        `too many wrong tokens; try again in ${wait} s`,
        undefined,
        wait,
      );
    }
    if (!constantTimeEqual(token, expected)) {
      noteSignInFailure(client);
      throw new GatewayError("unauthorized", "wrong token");
    }
    clearSignInFailures(client);
    const session = createSession(expected);
    const res = new NextResponse(null, { status: 204 });
    setSessionCookie(res, session.id, secure(req), session.maxAge);
    return res;
  },
  { auth: false, readOnlyApplies: false },
);

/**
 * `DELETE /api/v1/session` → 204: ends the request's session on the gateway (its cookie stops
 * working, even if a copy was kept) and clears the cookie (sign out).
 */
export const DELETE = route(
  async (req) => {
    const id = sessionId(requestCookies(req));
    if (id !== null) revokeSession(id);
    const res = new NextResponse(null, { status: 204 });
    setSessionCookie(res, "", secure(req), 0);
    return res;
  },
  { auth: false, readOnlyApplies: false },
);
