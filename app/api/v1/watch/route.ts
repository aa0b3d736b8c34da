import { int64Schema, watchQuerySchema } from "@/lib/contract";
import { refuseFutureStart } from "@/lib/etcd/watch/watch-start";
import { GatewayError, invalidField } from "@/lib/errors/gateway-error";
import { parseQuery } from "@/lib/http/parse";
import { rangeParams } from "@/lib/http/range-param";
import { route } from "@/lib/http/route";
import { clientAddress } from "@/lib/http/security/client-address";
import { securityConfig } from "@/lib/http/security/config";
import { acquireStream } from "@/lib/http/security/stream-limits";
import { SSE_HEADERS } from "@/lib/http/sse";
import { watchResponse } from "@/lib/http/watch-response";

/**
 * `GET /api/v1/watch?prefix=P|key=K[&fromRevision=R][&prevKv=1]` → Server-Sent Events
 * (etcd Watch): `ready` (id = start - 1), then `change` (id = revision, every event of a
 * revision in one message), `progress` (id = revision, a trusted checkpoint), `heartbeat` (no
 * id; etcd answered a liveness check), `reset` (compacted), `error`. A reconnect's
 * `Last-Event-ID: N` resumes at N + 1 and wins over `fromRevision`. Answered before any stream
 * starts: 400 JSON for bad input, including a start revision that is not a decimal int64 or
 * lies beyond the current revision + 1 (`details.currentRevision`); 403
 * `etcd_permission_denied` JSON (naming the range) when etcd refuses the watch; 503
 * `too_many_streams` past the client's or the gateway's stream limit. The security policy and
 * the error envelope are route()'s, as for every other route; the stream is its Response.
 * The whole protocol: docs/watch-protocol.md.
 */
export const GET = route(async (req) => {
  const q = parseQuery(req, watchQuerySchema);
  const range = { ...rangeParams(q), prevKv: q.prevKv };
  const start = startRevision(req.headers.get("last-event-id"), q.fromRevision);
  if (start) await refuseFutureStart(start.revision, range, start.field, start.shown);
  const release = acquireStream(clientAddress(req), securityConfig());
  if (!release) {
    throw new GatewayError("too_many_streams", "too many open watch streams; retry later");
  }
  return watchResponse(req, range, start?.revision, release);
});

/**
 * `HEAD /api/v1/watch`: GET's policy and input checks (401/403 policy, 400 naming a malformed
 * field) and the SSE headers, but no stream: no stream slot, no etcd watcher, and so none of
 * the answers that need etcd (a future start, a refused watch) or a slot (503). Without it,
 * Next answers HEAD by calling GET and never reads the body, which held both until restart.
 */
export const HEAD = route(async (req) => {
  const q = parseQuery(req, watchQuerySchema);
  rangeParams(q);
  startRevision(req.headers.get("last-event-id"), q.fromRevision);
  return new Response(null, { headers: SSE_HEADERS });
});

/** The first revision to deliver and the field it came from; undefined: from now. */
function startRevision(
  lastEventId: string | null,
  fromRevision?: string,
): { revision: bigint; field: string; shown: string } | undefined {
  if (lastEventId) {
    if (!int64Schema.safeParse(lastEventId).success) {
      throw invalidField("Last-Event-ID", "must be a revision (a decimal int64)");
    }
    return { revision: BigInt(lastEventId) + 1n, field: "Last-Event-ID", shown: lastEventId };
  }
  // start_revision 0 means "from now" to etcd; say so explicitly (also for "00": compared as a
  // number, or a feed would take start 0 as a checkpoint at -1 and serve any later start).
  if (fromRevision === undefined || BigInt(fromRevision) === 0n) return undefined;
  return { revision: BigInt(fromRevision), field: "fromRevision", shown: fromRevision };
}
