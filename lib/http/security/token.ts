import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/** Name of the session cookie set by `POST /api/v1/session`. */
export const SESSION_COOKIE = "etcd_explorer_session";

const sha256 = (s: string) => createHash("sha256").update(s).digest();

/** Constant-time string equality: compares SHA-256 digests so lengths never leak either. */
export function constantTimeEqual(given: string, expected: string): boolean {
  return timingSafeEqual(sha256(given), sha256(expected));
}

/**
 * The session cookie's value for `token`: an HMAC, so the cookie never holds the token itself
 * and every session ends when the token changes.
 */
export function sessionValue(token: string): string {
  return createHmac("sha256", token).update("etcd-explorer session v1").digest("base64url");
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

/** Whether the request carries a valid session cookie for `token`. */
export function hasSession(req: Request, token: string): boolean {
  const cookie = cookieValue(req.headers.get("cookie"), SESSION_COOKIE);
  return cookie !== null && constantTimeEqual(cookie, sessionValue(token));
}

/**
 * Whether the request may use the API: no token configured, `Authorization: Bearer <token>`, or a
 * valid session cookie.
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

/** The `Set-Cookie` value of a session for `token` (`maxAge` seconds; 0 clears it). */
export function sessionCookie(token: string, secure: boolean, maxAge = 60 * 60 * 12): string {
  const value = maxAge > 0 ? sessionValue(token) : "";
  const flags = `Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure ? "; Secure" : ""}`;
  return `${SESSION_COOKIE}=${value}; ${flags}`;
}
