import { LOOPBACK_HOSTS, type SecurityConfig } from "./config";

/**
 * The host name of a `Host` header value without its port, lowercased
 * (`"[::1]:3000"` → `"[::1]"`, `"Example.com:80"` → `"example.com"`); null when malformed.
 */
export function hostName(host: string): string | null {
  const h = host.trim().toLowerCase();
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::\d{1,5})?$/.exec(h);
  return m ? m[1] : null;
}

/**
 * Whether `host` (a `Host` header value) names this gateway: a loopback name with any port, or
 * a name in `ETCD_EXPLORER_ALLOWED_HOSTS`. Anything else may be a DNS-rebinding page.
 */
export function hostAllowed(host: string | null, config: SecurityConfig): boolean {
  if (!host) return false;
  const name = hostName(host);
  if (!name) return false;
  return (LOOPBACK_HOSTS as readonly string[]).includes(name) || config.allowedHosts.includes(name);
}

/** The request's `Host` header (falling back to the URL's host, as for a bare `new Request`). */
export function requestHost(req: Request): string {
  return req.headers.get("host") ?? new URL(req.url).host;
}
