import "server-only";
import { NextResponse } from "next/server";
import { etcdToGatewayError } from "@/lib/etcd/etcd-errors";
import { GatewayError } from "./gateway-error";

/** A route handler as Next calls it (`ctx.params` for dynamic segments). */
type Handler<C> = (req: Request, ctx: C) => Promise<Response | object>;

/**
 * Wrap a route handler: a returned object becomes a 200 JSON response; any thrown error becomes
 * the error envelope `{error: {code, message, details?}}` with its status — etcd errors mapped
 * per DESIGN.md §3, anything unexpected a logged 500 `internal` with a generic message.
 * `opts.write` marks mutating routes (a timeout then says the outcome is unknown).
 */
export function route<C = unknown>(handler: Handler<C>, opts: { write?: boolean } = {}) {
  return async (req: Request, ctx: C): Promise<Response> => {
    try {
      const result = await handler(req, ctx);
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (err) {
      return errorResponse(err, opts.write ?? false);
    }
  };
}

/** The JSON error response for `err` (see {@link route}). */
export function errorResponse(err: unknown, write = false): Response {
  const mapped = etcdToGatewayError(err, write);
  if (mapped) return gatewayErrorResponse(mapped);
  console.error("[gateway] internal error", err);
  return gatewayErrorResponse(
    new GatewayError("internal", "internal error (logged on the server)"),
  );
}

function gatewayErrorResponse(err: GatewayError): Response {
  const body = { error: { code: err.code, message: err.message, details: err.details } };
  const headers: Record<string, string> = {};
  if (err.status === 503) headers["Retry-After"] = "2";
  return NextResponse.json(body, { status: err.status, headers });
}
