import "server-only";
import { permissionDenied } from "../access";
import { isInvalidAuthToken } from "../auth-token";
import type { WatchRange } from "./watch-stream";

/**
 * Watch creates refused for the auth token in a row, each retried with a fresh token, before a
 * feed gives up: one refusal is an expired token; a fresh token refused again means etcd won't
 * take it, and retrying forever would hide that.
 */
export const MAX_TOKEN_REFRESHES = 3;

/** What a feed does about a refused watch create: retry with a fresh token, or end with an error. */
export type RefusalAction =
  | { retryWithFreshToken: true }
  | { retryWithFreshToken: false; code: string; message: string; details?: unknown };

/**
 * Decide what a refused watch create (`created && canceled`, or a cancel with a reason) means,
 * given `cancel_reason` and how many token refreshes were already tried in a row. An expired or
 * unknown auth token (simple tokens expire after `--auth-token-ttl` and die with an etcd
 * restart) is not the user's fault: retry with a fresh one. A permission denial is a 403 naming
 * the range (etcd_permission_denied); anything else, 503 etcd_unavailable with the reason.
 */
export function refusalAction(
  reason: string,
  range: WatchRange,
  tokenRefreshes: number,
): RefusalAction {
  if (isInvalidAuthToken(reason) && tokenRefreshes < MAX_TOKEN_REFRESHES) {
    return { retryWithFreshToken: true };
  }
  if (/permission denied/i.test(reason)) {
    const { key, rangeEnd } = range;
    const err = permissionDenied(rangeEnd ? { key, rangeEnd } : { key }, "read");
    return {
      retryWithFreshToken: false,
      code: "etcd_permission_denied",
      message: err.message,
      details: err.details,
    };
  }
  return {
    retryWithFreshToken: false,
    code: "etcd_unavailable",
    message: `etcd refused the watch: ${reason || "no reason given"}`,
  };
}
