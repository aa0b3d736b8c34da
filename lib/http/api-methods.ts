/**
 * The HTTP methods each API route exports, by route path as in app/ (`[id]` is one segment).
 * test/http/api-methods.test.ts checks this table against the route modules, so a route added
 * or changed without updating it fails the tests.
 */
export const API_ROUTE_METHODS: Readonly<Record<string, readonly string[]>> = {
  "/api/v1/auth/disable": ["POST"],
  "/api/v1/auth/enable": ["POST"],
  "/api/v1/auth/roles": ["GET", "POST"],
  "/api/v1/auth/roles/[name]": ["GET", "DELETE"],
  "/api/v1/auth/roles/[name]/permissions": ["PUT", "DELETE"],
  "/api/v1/auth/status": ["GET"],
  "/api/v1/auth/users": ["GET", "POST"],
  "/api/v1/auth/users/[name]": ["GET", "DELETE"],
  "/api/v1/auth/users/[name]/password": ["PUT"],
  "/api/v1/auth/users/[name]/roles/[role]": ["PUT", "DELETE"],
  "/api/v1/changes": ["GET"],
  "/api/v1/cluster": ["GET"],
  "/api/v1/cluster/metrics": ["GET"],
  "/api/v1/cluster/alarms/disarm": ["POST"],
  "/api/v1/cluster/compact": ["POST"],
  "/api/v1/cluster/members/[id]/defragment": ["POST"],
  "/api/v1/cluster/move-leader": ["POST"],
  "/api/v1/cluster/snapshot": ["GET", "HEAD"],
  "/api/v1/compare": ["GET"],
  "/api/v1/copy": ["POST"],
  "/api/v1/export": ["GET", "HEAD"],
  "/api/v1/health": ["GET"],
  "/api/v1/history": ["GET"],
  "/api/v1/import": ["POST"],
  "/api/v1/kv": ["GET", "PUT", "DELETE"],
  "/api/v1/leases": ["GET", "POST"],
  "/api/v1/leases/ttl": ["GET"],
  "/api/v1/leases/[id]": ["GET", "DELETE"],
  "/api/v1/leases/[id]/keepalive": ["POST"],
  "/api/v1/locks": ["GET"],
  "/api/v1/permissions": ["GET"],
  "/api/v1/range": ["GET"],
  "/api/v1/restore": ["POST"],
  "/api/v1/search": ["GET", "HEAD"],
  "/api/v1/session": ["POST", "DELETE"],
  "/api/v1/stats": ["GET", "HEAD"],
  "/api/v1/tree": ["GET"],
  "/api/v1/watch": ["GET", "HEAD"],
};

/** Methods every page answers (Next serves pages, static files and the icon with these). */
const PAGE_METHODS = ["GET", "HEAD", "OPTIONS", "POST"];

const routes = Object.entries(API_ROUTE_METHODS).map(([path, methods]) => ({
  pattern: new RegExp(`^${path.replace(/\[[^\]/]+\]/g, "[^/]+")}/?$`),
  methods,
}));

/**
 * The `Allow` list of an API path: its route's methods plus HEAD (served by GET) and OPTIONS
 * (Next answers it); null for a path no API route serves (Next answers 404).
 */
export function apiAllowedMethods(pathname: string): string[] | null {
  const hit = routes.find((r) => r.pattern.test(pathname));
  if (!hit) return null;
  const allow = new Set([...hit.methods, "OPTIONS"]);
  if (allow.has("GET")) allow.add("HEAD");
  return [...allow].sort();
}

/**
 * Whether `method` on `pathname` must be answered 405 before Next sees it, and with which
 * `Allow` list: on an API route, every method the route doesn't export (Next would answer an
 * empty 405 without `Allow`, or 400 for a method it doesn't know, or 500 for TRACE); on any
 * other path, methods outside GET/HEAD/OPTIONS/POST (TRACE would be a 500: Next turns every
 * request into a WHATWG Request, which refuses TRACE and TRACK).
 * @returns null when the request may go on to Next.
 */
export function methodNotAllowed(method: string, pathname: string): { allow: string[] } | null {
  const m = method.toUpperCase();
  if (pathname === "/api" || pathname.startsWith("/api/")) {
    const allow = apiAllowedMethods(pathname);
    return allow && !allow.includes(m) ? { allow } : null;
  }
  return PAGE_METHODS.includes(m) ? null : { allow: ["GET", "HEAD"] };
}
