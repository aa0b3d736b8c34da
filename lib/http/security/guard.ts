import "server-only";
import { GatewayError } from "../../errors/gateway-error";
import { securityConfig, type SecurityConfig } from "./config";
import { hostAllowed, requestHost } from "./host";
import { isSafeMethod, sameOrigin } from "./origin";
import { authorized } from "./token";

/** What a route needs besides the defaults. */
export type GuardOptions = {
  /** false for the sign-in route itself: it takes the token in its body. Default true. */
  auth?: boolean;
  /** false for routes that stay usable in read-only mode (signing in). Default true. */
  readOnlyApplies?: boolean;
  /**
   * true for reads that hand out data in bulk (the snapshot download, `GET /export`): they must
   * be same-origin too, as writes are, so a foreign page can't make a signed-in browser stream
   * the database (it can't read the answer, but it can load etcd and fill the user's disk).
   * Default false.
   */
  sameOriginRead?: boolean;
};

/**
 * The gateway's request policy, in order: the `Host` must be ours (DNS rebinding) → 403
 * `forbidden_origin`; a write must be same-origin (CSRF) → 403 `forbidden_origin`; the token, when
 * configured → 401 `unauthorized`; read-only mode refuses writes → 403 `read_only`.
 * @throws GatewayError for the first rule the request breaks.
 */
export function guardRequest(
  req: Request,
  opts: GuardOptions = {},
  config: SecurityConfig = securityConfig(),
): void {
  const host = requestHost(req);
  if (!hostAllowed(host, config)) {
    throw new GatewayError(
      "forbidden_origin",
      "Host header is not an allowed host name (see ETCD_EXPLORER_ALLOWED_HOSTS)",
    );
  }
  const write = !isSafeMethod(req.method);
  if (write && !sameOrigin(req, host)) {
    throw new GatewayError("forbidden_origin", "cross-origin writes are refused");
  }
  if (!write && opts.sameOriginRead && !sameOrigin(req, host)) {
    throw new GatewayError("forbidden_origin", "cross-origin requests for this data are refused");
  }
  if ((opts.auth ?? true) && !authorized(req, config.token)) {
    throw new GatewayError("unauthorized", "sign in or send Authorization: Bearer <token>");
  }
  if (write && (opts.readOnlyApplies ?? true) && config.readOnly) {
    throw new GatewayError("read_only", "the gateway is in read-only mode");
  }
}
