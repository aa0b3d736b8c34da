import "server-only";
import { ERROR_STATUS, type ErrorCode } from "@/lib/contract";

/**
 * An error the gateway answers with as `{error: {code, message, details?}}` and the HTTP status
 * that belongs to `code`. Throw it from lib code; the route wrapper renders it.
 * `retryAfter`: seconds for a `Retry-After` header (429s; 503s default to 2).
 */
export class GatewayError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = "GatewayError";
    this.status = ERROR_STATUS[code];
  }
}

/** A 400 `invalid_request` naming the offending field. */
export function invalidField(field: string, problem: string): GatewayError {
  return new GatewayError("invalid_request", `${field}: ${problem}`, { field });
}
