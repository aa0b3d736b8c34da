import { watchQuerySchema } from "@/lib/contract";
import { prefixRange } from "@/lib/etcd/range";
import { GatewayError, invalidField } from "@/lib/http/gateway-error";
import { bytesParam, parseQuery } from "@/lib/http/parse";
import { errorResponse } from "@/lib/http/route";
import { clientAddress } from "@/lib/http/security/client-address";
import { securityConfig } from "@/lib/http/security/config";
import { guardRequest } from "@/lib/http/security/guard";
import { acquireStream } from "@/lib/http/security/stream-limits";
import { SSE_HEADERS } from "@/lib/http/sse";
import { watchResponse } from "@/lib/http/watch-response";

/**
 * `GET /api/v1/watch?prefix=P|key=K[&fromRevision=R][&prevKv=1]` → Server-Sent Events
 * (etcd Watch), DESIGN.md §4: `ready`, then `change` (id = revision, every event of a revision
 * in one message), `progress` (id = revision), `reset` (compacted), `error`. A reconnect's
 * `Last-Event-ID: N` resumes at N + 1 and wins over `fromRevision`. 400 JSON for bad input;
 * 403 `etcd_permission_denied` JSON (naming the range) when etcd refuses the watch, answered
 * before any stream starts.
 */
export async function GET(req: Request): Promise<Response> {
  try {
    const config = securityConfig();
    guardRequest(req, {}, config);
    const q = parseQuery(req, watchQuerySchema);
    const range =
      q.prefix !== undefined
        ? prefixRange(bytesParam("prefix", q.prefix, q.prefixEncoding))
        : { key: bytesParam("key", q.key!, q.keyEncoding), rangeEnd: undefined };
    const from = startRevision(req.headers.get("last-event-id"), q.fromRevision);
    const release = acquireStream(clientAddress(req), config);
    if (!release) {
      throw new GatewayError("too_many_streams", "too many open watch streams; retry later");
    }
    return await watchResponse(req, { ...range, prevKv: q.prevKv }, from, release);
  } catch (err) {
    return errorResponse(err);
  }
}

/**
 * `HEAD /api/v1/watch`: the status and headers a GET would answer with — same policy and input
 * checks (400 naming the field) — but no stream: no stream slot, no etcd watcher. Without it,
 * Next answers HEAD by calling GET and never reads the body, which held both until restart.
 */
export async function HEAD(req: Request): Promise<Response> {
  try {
    guardRequest(req, {}, securityConfig());
    const q = parseQuery(req, watchQuerySchema);
    if (q.prefix !== undefined) bytesParam("prefix", q.prefix, q.prefixEncoding);
    else bytesParam("key", q.key!, q.keyEncoding);
    startRevision(req.headers.get("last-event-id"), q.fromRevision);
    return new Response(null, { headers: SSE_HEADERS });
  } catch (err) {
    return errorResponse(err);
  }
}

function startRevision(lastEventId: string | null, fromRevision?: string): bigint | undefined {
  if (lastEventId) {
    if (!/^\d+$/.test(lastEventId)) throw invalidField("Last-Event-ID", "must be a revision");
    return BigInt(lastEventId) + 1n;
  }
  // start_revision 0 means "from now" to etcd; say so explicitly.
  return fromRevision === undefined || fromRevision === "0" ? undefined : BigInt(fromRevision);
}
