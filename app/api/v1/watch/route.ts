import { watchQuerySchema } from "@/lib/contract";
import { subscribe } from "@/lib/etcd/watch-hub";
import { GatewayError, invalidField } from "@/lib/http/gateway-error";
import { clientAddress } from "@/lib/http/security/client-address";
import { securityConfig } from "@/lib/http/security/config";
import { guardRequest } from "@/lib/http/security/guard";
import { acquireStream } from "@/lib/http/security/stream-limits";
import { bytesParam, parseQuery } from "@/lib/http/parse";
import { errorResponse } from "@/lib/http/route";
import { sseFrame, sseResponse } from "@/lib/http/sse";
import type { FeedMessage } from "@/lib/etcd/watch-messages";
import { prefixRange } from "@/lib/etcd/range";

/**
 * `GET /api/v1/watch?prefix=P|key=K[&fromRevision=R][&prevKv=1]` → Server-Sent Events
 * (etcd Watch), DESIGN.md §4: `ready`, then `change` (id = revision, every event of a revision
 * in one message), `progress` (id = revision), `reset` (compacted), `error`. A reconnect's
 * `Last-Event-ID: N` resumes at N + 1 and wins over `fromRevision`. 400 JSON for bad input.
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
    return sseResponse(req, (sse) => {
      let unsubscribe: () => void;
      try {
        unsubscribe = subscribe(
          { ...range, prevKv: q.prevKv },
          {
            from,
            ready: (revision, start) =>
              sse.send("ready", { revision: String(revision), startRevision: String(start) }),
            send: (msg) => {
              if (msg.kind === "change") {
                sse.sendFrame(changeFrame(msg));
              } else if (msg.kind === "progress") {
                sse.send("progress", { revision: String(msg.revision) }, String(msg.revision));
              } else if (msg.kind === "reset") {
                const body = {
                  reason: "compacted",
                  compactRevision: String(msg.compactRevision),
                  revision: String(msg.revision),
                };
                sse.send("reset", body, String(msg.revision));
              } else {
                sse.send("error", { error: { code: msg.code, message: msg.message } });
                sse.close();
              }
            },
          },
        );
      } catch (err) {
        release();
        throw err;
      }
      return () => {
        release();
        unsubscribe();
      };
    });
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

type Change = Extract<FeedMessage, { kind: "change" }>;
/** Every subscriber of a feed gets the same message object: serialize it once, not per tab. */
const framed = new WeakMap<Change, Uint8Array>();

function changeFrame(msg: Change): Uint8Array {
  let frame = framed.get(msg);
  if (!frame) {
    const body = { revision: String(msg.revision), events: msg.events };
    frame = sseFrame("change", body, String(msg.revision));
    framed.set(msg, frame);
  }
  return frame;
}
