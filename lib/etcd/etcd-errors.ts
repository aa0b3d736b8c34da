import "server-only";
import { BrokenCircuitError } from "cockatiel";
import {
  EtcdLeaseInvalidError,
  EtcdPermissionDeniedError,
  GRPCDeadlineExceededError,
  GRPCInvalidArgumentError,
  GRPCOutOfRangeError,
  GRPCResourceExhastedError,
  GRPCUnavailableError,
  GRPCUnknownError,
  EtcdAuthenticationFailedError,
  EtcdInvalidAuthTokenError,
} from "etcd3";
import { GatewayError } from "@/lib/errors/gateway-error";
import { describeTlsFailure } from "./tls-errors";

/**
 * Translate an error thrown by etcd3 (or by cockatiel's breaker around it) into the gateway's
 * error vocabulary. Returns null for errors that are not etcd's (a bug of ours → 500).
 * `write` marks calls whose outcome may be unknown after a timeout.
 */
export function etcdToGatewayError(err: unknown, write = false): GatewayError | null {
  if (err instanceof GatewayError) return err;
  if (!(err instanceof Error)) return null;
  const msg = err.message;
  if (err instanceof BrokenCircuitError) {
    return new GatewayError("etcd_unavailable", "etcd is unreachable (no member answered)");
  }
  if (err instanceof GRPCUnavailableError) {
    if (msg.includes("etcdserver: no leader")) return noLeader(write);
    // A write etcd proposed but could not confirm (timed out, server stopping) or whose
    // connection dropped after it was sent may still be committed: only a `hasleader` refusal
    // and "never sent" (no connection to any member) are certain failures.
    if (write && msg.includes("etcdserver: request timed out")) return unknownOutcome();
    if (write && !msg.includes("No connection established")) {
      return new GatewayError(
        "etcd_unavailable",
        `etcd failed during the write (${stripCode(msg)}); ${MAY_HAVE_APPLIED}`,
      );
    }
    const why = describeTlsFailure(msg) ?? stripCode(msg);
    return new GatewayError("etcd_unavailable", `etcd is unavailable: ${why}`);
  }
  const timedOut =
    err instanceof GRPCDeadlineExceededError ||
    (err instanceof GRPCUnknownError && msg.includes("deadline exceeded"));
  if (timedOut) {
    return write
      ? unknownOutcome()
      : new GatewayError("etcd_timeout", "etcd did not answer in time");
  }
  if (err instanceof GRPCOutOfRangeError) {
    return msg.includes("compacted")
      ? new GatewayError("revision_compacted", "the requested revision has been compacted")
      : new GatewayError("invalid_request", "revision: is a future revision", {
          field: "revision",
        });
  }
  if (err instanceof EtcdLeaseInvalidError || msg.includes("requested lease not found")) {
    return new GatewayError("lease_not_found", "the lease does not exist (expired or revoked)");
  }
  if (err instanceof EtcdPermissionDeniedError) {
    return new GatewayError("etcd_permission_denied", "etcd denied permission for this request");
  }
  if (err instanceof EtcdAuthenticationFailedError || err instanceof EtcdInvalidAuthTokenError) {
    return new GatewayError("etcd_unavailable", `etcd authentication failed: ${stripCode(msg)}`);
  }
  if (msg.includes("request is too large") || err instanceof GRPCResourceExhastedError) {
    return msg.includes("database space exceeded")
      ? new GatewayError("etcd_unavailable", "etcd is out of space (NOSPACE alarm)")
      : new GatewayError("too_large", `etcd refused the request size: ${stripCode(msg)}`);
  }
  if (err instanceof GRPCInvalidArgumentError) {
    return new GatewayError("invalid_request", stripCode(msg));
  }
  return null;
}

/**
 * Whether a write that threw `err` may still have been applied: a deadline, etcd's own "request
 * timed out", or a connection lost after the call was sent. Certain failures — etcd's answers
 * (conflict, permission, size), a `hasleader` refusal ("no leader"), a call never sent ("No
 * connection established") — are not. Callers must not undo or repeat a write while it is unknown.
 */
export function writeOutcomeUnknown(err: unknown): boolean {
  if (!(err instanceof Error) || err instanceof GatewayError) return false;
  if (err instanceof GRPCUnavailableError) {
    return !/etcdserver: no leader|No connection established/.test(err.message);
  }
  return (
    err instanceof GRPCDeadlineExceededError ||
    (err instanceof GRPCUnknownError && err.message.includes("deadline exceeded"))
  );
}

const MAY_HAVE_APPLIED = "the write may or may not have been applied — reload to check";

/** 504 for a write whose outcome etcd never reported (it is never retried). */
function unknownOutcome(): GatewayError {
  return new GatewayError("etcd_timeout", `etcd did not answer in time; ${MAY_HAVE_APPLIED}`);
}

/**
 * 503 for etcd's "no leader". The `hasleader` metadata makes a leaderless member refuse a call
 * before it is proposed, so a write it refused was certainly not applied; a read gets here only
 * when no member could serve the serializable fallback either (see read-fallback.ts).
 */
function noLeader(write: boolean): GatewayError {
  return new GatewayError(
    "etcd_unavailable",
    write
      ? "etcd has no leader (quorum lost): the write was not applied; writes are refused until a leader is elected"
      : "etcd has no leader (quorum lost) and no member could serve the read",
  );
}

/** "14 UNAVAILABLE: etcdserver: no leader" → "etcdserver: no leader". */
function stripCode(msg: string): string {
  return msg.replace(/^\d+ [A-Z_]+: /, "");
}
