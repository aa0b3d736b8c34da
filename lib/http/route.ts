import "server-only";
import { NextResponse } from "next/server";
import { etcdToGatewayError } from "@/lib/etcd/etcd-errors";
import { GatewayError } from "../errors/gateway-error";
import { auditEntry, auditLog } from "./security/audit";
import { clientAddress } from "./security/client-address";
import { guardRequest, type GuardOptions } from "./security/guard";
import { isSafeMethod } from "./security/origin";

/**
 * Options for GETs that read much of etcd or hand out data in bulk (search, stats, history,
 * changes, compare, locks, export, snapshot): same-origin only, as writes are, so a foreign page
 * can't make a signed-in browser — or one on a gateway without a token — start them.
 */
export const HEAVY_READ = { sameOriginRead: true } as const satisfies GuardOptions;

/** A route handler as Next calls it (`ctx.params` for dynamic segments). */
type Handler<C> = (req: Request, ctx: C) => Promise<Response | object>;

/**
 * Wrap a route handler: a returned object becomes a 200 JSON response, a returned Response
 * (a watch's SSE stream, a 204) goes out as it is; any thrown error becomes
 * the error envelope `{error: {code, message, details?}}` with its status (and `Retry-After` for
 * 429s and 503s) — etcd errors mapped to gateway codes by lib/etcd/etcd-errors.ts, anything
 * unexpected a logged 500 `internal` with a generic message.
 * `opts.write` marks mutating routes (a timeout then says the outcome is unknown). Every request
 * first passes the security policy ({@link guardRequest}: Host, same-origin writes, token,
 * read-only); every write (any method but GET, HEAD, OPTIONS) is audited as one JSON line on
 * stdout.
 */
export function route<C = unknown>(
  handler: Handler<C>,
  opts: { write?: boolean } & GuardOptions = {},
) {
  // ctx is optional so a route without dynamic segments can be called with the request alone
  // (as the tests call the watch route).
  return async (req: Request, ctx?: C): Promise<Response> => {
    let result: Response | object | undefined;
    let res: Response;
    try {
      guardRequest(req, opts);
      result = await handler(req, ctx as C);
      res = result instanceof Response ? result : NextResponse.json(result);
    } catch (err) {
      res = errorResponse(err, opts.write ?? false);
    }
    if (!isSafeMethod(req.method))
      auditLog(auditEntry(req, clientAddress(req), res.status, result));
    return res;
  };
}

/** The JSON error response for `err` (see {@link route}). */
function errorResponse(err: unknown, write = false): Response {
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
  const retryAfter = err.retryAfter ?? (err.status === 503 ? 2 : undefined);
  if (retryAfter !== undefined) headers["Retry-After"] = String(retryAfter);
  return NextResponse.json(body, { status: err.status, headers });
}
