import "server-only";
import { ERROR_STATUS, type ErrorCode } from "@/lib/contract";
import { subscribe } from "@/lib/etcd/watch/watch-hub";
import type { FeedMessage } from "@/lib/etcd/watch/watch-messages";
import type { WatchRange } from "@/lib/etcd/watch/watch-stream";
import { GatewayError } from "../errors/gateway-error";
import { sseFrame, sseResponse, type SseWriter } from "./sse";

/**
 * How long (ms) the route waits for the etcd watch to be created before it answers anyway with
 * the SSE stream (which then says `ready` later, or ends with `event: error`). Long enough for
 * a create on a healthy member, short enough that an etcd outage doesn't hold the browser.
 */
export const READY_WAIT_MS = 3_000;

/**
 * The SSE response for a watch on `range` from revision `from` (undefined: now): `ready`
 * (`id` = start - 1), `change`, trusted `progress`, `heartbeat` (no id), `reset`, `error`.
 * It subscribes first and waits (up to {@link READY_WAIT_MS}) for the feed's `ready` — sent
 * once etcd accepted the watch, also from a revision — or error, so
 * a watch etcd refuses (permission denied) is a plain JSON error response — which EventSource
 * clients see as a failed connection they can explain by fetching the URL — instead of a 200
 * stream that ends at once and is reopened forever. Errors after that travel as `event: error`.
 * `release` runs exactly once when the stream (or the refused attempt) is over.
 * @throws GatewayError the feed's error (403 `etcd_permission_denied` names the range).
 */
export async function watchResponse(
  req: Request,
  range: WatchRange,
  from: bigint | undefined,
  release: () => void,
): Promise<Response> {
  let sse: SseWriter | undefined;
  let settled = false;
  const backlog: FeedMessage[] = [];
  let readyFrame: Uint8Array | undefined;
  let settle!: (err?: Extract<FeedMessage, { kind: "error" }>) => void;
  const outcome = new Promise<Extract<FeedMessage, { kind: "error" }> | undefined>(
    (r) => (settle = r),
  );

  let unsubscribe: () => void;
  try {
    unsubscribe = subscribe(range, {
      from,
      ready: (revision, start) => {
        // id = the revision the stream starts after: the browser's own reconnect (its
        // Last-Event-ID) resumes exactly, even when the stream drops before its first change.
        const frame = sseFrame(
          "ready",
          { revision: String(revision), startRevision: String(start) },
          String(start - 1n),
        );
        if (sse) sse.sendFrame(frame);
        else readyFrame = frame;
        settled = true;
        settle();
      },
      send: (msg) => {
        if (msg.kind === "error" && !settled) {
          settled = true;
          return settle(msg);
        }
        if (sse) writeMessage(sse, msg);
        else backlog.push(msg);
      },
    });
  } catch (err) {
    release();
    throw err;
  }

  let waiting: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((r) => {
    waiting = setTimeout(() => {
      settled = true; // from here on an error is written into the stream, never dropped
      r(undefined);
    }, READY_WAIT_MS);
  });
  const error = await Promise.race([outcome, timeout]);
  clearTimeout(waiting);
  settled = true;
  if (error || req.signal.aborted) {
    unsubscribe();
    release();
    if (!error) return new Response(null, { status: 499 });
    const code = (error.code in ERROR_STATUS ? error.code : "etcd_unavailable") as ErrorCode;
    throw new GatewayError(code, error.message, error.details);
  }
  return sseResponse(req, (writer) => {
    sse = writer;
    if (readyFrame) writer.sendFrame(readyFrame);
    for (const msg of backlog.splice(0)) writeMessage(writer, msg);
    return () => {
      release();
      unsubscribe();
    };
  });
}

/** One feed message as its SSE event; an error ends the stream. */
function writeMessage(sse: SseWriter, msg: FeedMessage): void {
  if (msg.kind === "change") {
    sse.sendFrame(changeFrame(msg));
  } else if (msg.kind === "progress") {
    sse.send("progress", { revision: String(msg.revision) }, String(msg.revision));
  } else if (msg.kind === "heartbeat") {
    // No id: the store revision of a progress answer is no resume point (it may be untrusted).
    sse.send("heartbeat", { revision: String(msg.revision) });
  } else if (msg.kind === "reset") {
    const body = {
      reason: "compacted",
      compactRevision: String(msg.compactRevision),
      revision: String(msg.revision),
    };
    sse.send("reset", body, String(msg.revision));
  } else {
    sse.send("error", { error: { code: msg.code, message: msg.message, details: msg.details } });
    sse.close();
  }
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
