import { createHash, timingSafeEqual } from "node:crypto";
import { sessionValid } from "./sessions";

/** Name of the session cookie set by `POST /api/v1/session`. */
export const SESSION_COOKIE = "etcd_explorer_session";

const sha256 = (s: string) => createHash("sha256").update(s).digest();

/** Constant-time string equality: compares SHA-256 digests so lengths never leak either. */
export function constantTimeEqual(given: string, expected: string): boolean {
  return timingSafeEqual(sha256(given), sha256(expected));
}

/** The value of cookie `name` in a `Cookie` header, or null. */
export function cookieValue(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return null;
}

/** The session ID in the request's session cookie, or null. */
export function sessionId(req: Request): string | null {
  return cookieValue(req.headers.get("cookie"), SESSION_COOKIE) || null;
}

/** Whether the request carries the cookie of a live session started with `token`. */
export function hasSession(req: Request, token: string): boolean {
  const id = sessionId(req);
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
  return hasSession(req, token);
}

/**
 * The `Set-Cookie` value carrying session `id` for `maxAge` seconds (HttpOnly, SameSite=Strict,
 * Path=/, Secure over https); `id` "" with `maxAge` 0 clears the cookie.
 */
export function sessionCookie(id: string, secure: boolean, maxAge: number): string {
  const flags = `Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure ? "; Secure" : ""}`;
  return `${SESSION_COOKIE}=${id}; ${flags}`;
}
