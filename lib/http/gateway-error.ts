import "server-only";
import { ERROR_STATUS, type ErrorCode } from "@/lib/contract";

/**
 * An error the gateway answers with as `{error: {code, message, details?}}` and the HTTP status
 * that belongs to `code` (DESIGN.md §3). Throw it from lib code; the route wrapper renders it.
 */
export class GatewayError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
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
