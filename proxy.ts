import { NextResponse, type NextRequest } from "next/server";
import { securityConfig } from "@/lib/http/security/config";
import { contentSecurityPolicy } from "@/lib/http/security/csp";
import { hostAllowed, requestHost } from "@/lib/http/security/host";
import { hasSession } from "@/lib/http/security/token";

/**
 * Pages only (the API enforces its own policy in the route wrapper): refuse foreign `Host`
 * headers (DNS rebinding), send to /login when a token is configured and there's no session, and
 * give every page a fresh CSP nonce that Next puts on its inline scripts.
 */
export function proxy(req: NextRequest) {
  const config = securityConfig();
  if (!hostAllowed(requestHost(req), config)) {
    return new NextResponse("Host not allowed (see ETCD_EXPLORER_ALLOWED_HOSTS)\n", {
      status: 403,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  const path = req.nextUrl.pathname;
  if (config.token !== null && path !== "/login" && !hasSession(req.cookies, config.token)) {
    const login = req.nextUrl.clone();
    login.pathname = "/login";
    login.search = `?next=${encodeURIComponent(path + req.nextUrl.search)}`;
    return NextResponse.redirect(login);
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const headers = new Headers(req.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("Content-Security-Policy", csp);
  return res;
}

/**
 * Every page, prefetches included (`Next-Router-Prefetch: 1`, `Purpose: prefetch`: they get
 * the same Host check, sign-in and CSP, or a prefetch header would serve a page without them);
 * not the API, Next's static assets or the icon.
 */
export const config = {
  matcher: ["/((?!api|_next/static|_next/image|icon.svg|favicon.ico).*)"],
};
