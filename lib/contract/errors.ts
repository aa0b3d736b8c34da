import { z } from "zod";

/**
 * Every error code the gateway can answer with, and the HTTP status it travels with (when each
 * is used: docs/http-api.md).
 */
export const ERROR_STATUS = {
  invalid_request: 400,
  unauthorized: 401,
  read_only: 403,
  forbidden_origin: 403,
  etcd_permission_denied: 403,
  registry_protected: 403,
  key_not_found: 404,
  lease_not_found: 404,
  user_not_found: 404,
  role_not_found: 404,
  permission_not_found: 404,
  member_not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  auth_lockout: 409,
  revision_compacted: 410,
  too_large: 413,
  too_many_requests: 429,
  internal: 500,
  etcd_unavailable: 503,
  too_many_streams: 503,
  etcd_timeout: 504,
} as const;

/** One of the gateway's error codes. */
export type ErrorCode = keyof typeof ERROR_STATUS;

/** The JSON body of every non-2xx response: `{error: {code, message, details?}}`. */
export const apiErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

/** Parsed form of {@link apiErrorBodySchema}. */
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;
