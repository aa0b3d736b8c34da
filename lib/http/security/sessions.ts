import { createHash, randomBytes } from "node:crypto";

/**
 * How long a session lasts, in milliseconds: 12 h from sign-in, absolute (using the gateway
 * does not extend it), so a stolen cookie is worth half a day at most.
 */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** Most sessions held at once; a sign-in past it first drops the one that expires soonest. */
export const MAX_SESSIONS = 10_000;

/** One signed-in browser: when it ends (ms since epoch) and which token it signed in with. */
type Session = { expiresAt: number; tokenDigest: string };

const sha256 = (s: string) => createHash("sha256").update(s).digest("base64url");

/**
 * The session table, in this process's memory (a restart signs everyone out). Kept on
 * globalThis under a registered symbol because Next bundles proxy.ts and the route handlers
 * separately: a module-level Map would exist once per bundle, and a session created by
 * `POST /api/v1/session` would be unknown to the page proxy. Keyed by the SHA-256 of the
 * session ID, so lookups never compare the secret itself.
 */
function table(): Map<string, Session> {
  const key = Symbol.for("etcd-explorer.sessions");
  const g = globalThis as { [key]?: Map<string, Session> };
  return (g[key] ??= new Map());
}

/**
 * Start a session for `token` (the configured `ETCD_EXPLORER_TOKEN`, already checked).
 * @returns the session ID for the cookie (256 random bits, base64url) and its lifetime in
 *   seconds (the cookie's Max-Age).
 */
export function createSession(token: string, now = Date.now()): { id: string; maxAge: number } {
  const sessions = table();
  for (const [key, s] of sessions) if (s.expiresAt <= now) sessions.delete(key);
  while (sessions.size >= MAX_SESSIONS) {
    let soonest: string | undefined;
    let at = Infinity;
    for (const [key, s] of sessions) if (s.expiresAt < at) [soonest, at] = [key, s.expiresAt];
    sessions.delete(soonest!);
  }
  const id = randomBytes(32).toString("base64url");
  sessions.set(sha256(id), { expiresAt: now + SESSION_TTL_MS, tokenDigest: sha256(token) });
  return { id, maxAge: Math.floor(SESSION_TTL_MS / 1000) };
}

/**
 * Whether `id` names a live session started with `token`: false once it expired, was revoked,
 * or the gateway's token changed since (every session then ends).
 */
export function sessionValid(id: string, token: string, now = Date.now()): boolean {
  const key = sha256(id);
  const s = table().get(key);
  if (!s) return false;
  if (s.expiresAt <= now) {
    table().delete(key);
    return false;
  }
  return s.tokenDigest === sha256(token);
}

/** End the session `id` (sign-out); unknown IDs are ignored. */
export function revokeSession(id: string): void {
  table().delete(sha256(id));
}
