import { createHash, timingSafeEqual } from "node:crypto";
import { NextRequest, type NextResponse } from "next/server";
import { sessionValid } from "./sessions";

/** Name of the session cookie set by `POST /api/v1/session`. */
export const SESSION_COOKIE = "etcd_explorer_session";

const sha256 = (s: string) => createHash("sha256").update(s).digest();

/** Constant-time string equality: compares SHA-256 digests so lengths never leak either. */
export function constantTimeEqual(given: string, expected: string): boolean {
  return timingSafeEqual(sha256(given), sha256(expected));
}

/** What reading a request's cookies needs: `NextRequest.cookies`. */
export type CookieReader = Pick<NextRequest["cookies"], "get">;

/**
 * The request's cookies, parsed by Next's cookie API from its `Cookie` header. A bodiless
 * NextRequest on the same URL and headers: wrapping `req` itself would take its body, and
 * next/headers' cookies() needs a request scope that route tests calling handlers lack.
 */
export function requestCookies(req: Request): CookieReader {
  return new NextRequest(req.url, { headers: req.headers }).cookies;
}

/** The session ID in the session cookie among `cookies`, or null (absent or empty). */
export function sessionId(cookies: CookieReader): string | null {
  return cookies.get(SESSION_COOKIE)?.value || null;
}

/**
 * Whether `cookies` (a request's: `req.cookies` in the proxy, {@link requestCookies} in routes)
 * hold the cookie of a live session started with `token`.
 */
export function hasSession(cookies: CookieReader, token: string): boolean {
  const id = sessionId(cookies);
  return id !== null && sessionValid(id, token);
}

/**
 * Whether the request may use the API: no token configured, `Authorization: Bearer <token>`, or a
 * live session cookie.
 */
export function authorized(req: Request, token: string | null): boolean {
  if (token === null) return true;
  const auth = req.headers.get("authorization");
  if (auth !== null) {
    const m = /^Bearer\s+(.+)$/i.exec(auth.trim());
    if (m && constantTimeEqual(m[1], token)) return true;
  }
  return hasSession(requestCookies(req), token);
}

/**
 * Set the session cookie on `res` through Next's cookie API: session `id` for `maxAge` seconds
 * (HttpOnly, SameSite=Strict, Path=/, Secure over https); `id` "" with `maxAge` 0 clears it.
 */
export function setSessionCookie(
  res: NextResponse,
  id: string,
  secure: boolean,
  maxAge: number,
): void {
  res.cookies.set(SESSION_COOKIE, id, {
    path: "/",
    httpOnly: true,
    sameSite: "strict",
    maxAge,
    secure,
  });
}
