import type { ConflictDetails } from "@/lib/contract";

/** Code used when the gateway itself could not be reached (no HTTP response at all). */
export const NETWORK_ERROR = "network_error";

/**
 * A failed API call, built from the `{error: {code, message, details?}}` body
 * (lib/contract/errors.ts). `status` is the HTTP status (0 when there was no response).
 */
export class ApiError extends Error {
  /** Gateway error code, e.g. `conflict`, `etcd_unavailable`, or {@link NETWORK_ERROR}. */
  readonly code: string;
  /** HTTP status; 0 when the request never got an answer. */
  readonly status: number;
  /** The error body's `details` (for `conflict`: {@link ConflictDetails}). */
  readonly details: unknown;

  constructor(code: string, status: number, message: string, details?: unknown) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

/** Whether `err` is an {@link ApiError} with this code. */
export function isApiError(err: unknown, code?: string): err is ApiError {
  return err instanceof ApiError && (code === undefined || err.code === code);
}

/** Whether `err` means etcd (or the gateway) is unreachable: 503, 504 or no response. */
export function isUnavailable(err: unknown): boolean {
  return (
    err instanceof ApiError &&
    (err.code === "etcd_unavailable" || err.code === "etcd_timeout" || err.code === NETWORK_ERROR)
  );
}

/** The `details.current` of a 409 `conflict` (the key as it is now, null when gone). */
export function conflictCurrent(err: unknown): ConflictDetails["current"] | undefined {
  if (!isApiError(err, "conflict")) return undefined;
  const details = err.details as Partial<ConflictDetails> | undefined;
  return details?.current ?? null;
}
