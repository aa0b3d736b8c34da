import http from "node:http";
import { methodNotAllowed } from "./api-methods";

const INSTALLED = Symbol.for("etcd-explorer.method-guard");

/**
 * Answer requests with a method their path doesn't serve with 405, an `Allow` header and the
 * JSON error body `{error: {code: "method_not_allowed", message, details: {allow}}}`, before
 * Next sees them (see {@link methodNotAllowed}).
 *
 * Why here and not in proxy.ts or a route: Next builds a WHATWG Request for every request,
 * proxy included, and that constructor throws for TRACE, so Next answers 500 before any app
 * code runs; and a method a route doesn't export gets Next's empty 405 without `Allow`. The
 * only code that runs earlier in `next start` is the instrumentation hook, which installs this
 * by wrapping `http.Server#emit("request")` for the process (Next's is the only HTTP server).
 * Idempotent.
 */
export function installMethodGuard(): void {
  const proto = http.Server.prototype as http.Server & { [INSTALLED]?: true };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const emit = proto.emit as (
    this: http.Server,
    event: string | symbol,
    ...args: unknown[]
  ) => boolean;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
      if (refuseMethod(req, res)) return true;
    }
    return emit.call(this, event, ...args);
  } as typeof proto.emit;
}

/** Answer `req` with 405 when its method isn't served at its path; true when it did. */
export function refuseMethod(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  let pathname: string;
  try {
    pathname = new URL(req.url ?? "/", "http://gateway.invalid").pathname;
  } catch {
    return false;
  }
  const verdict = methodNotAllowed(req.method ?? "", pathname);
  if (!verdict) return false;
  const allow = verdict.allow.join(", ");
  const body = JSON.stringify({
    error: {
      code: "method_not_allowed",
      message: `${req.method} is not allowed here; allowed: ${allow}`,
      details: { allow: verdict.allow },
    },
  });
  req.resume(); // discard any body
  res.writeHead(405, {
    Allow: allow,
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(body),
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "Cache-Control": "no-store",
  });
  res.end(body);
  return true;
}
