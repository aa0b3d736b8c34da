import type {
  ChangeMessage,
  HeartbeatMessage,
  ReadyMessage,
  ResetMessage,
  WatchErrorMessage,
} from "@/lib/contract/watch";
import { JitteredBackoff } from "@/lib/jittered-backoff";
import { above, browserResumesExactly } from "./watch-resume";

/**
 * Waits (ms) before re-opening a stream the browser closed for good (a non-200 answer), after
 * consecutive closes: jittered around 1 s, then 2 s, never longer (so tabs that lost the
 * gateway together don't all come back in the same instant).
 */
const CLOSED_RETRY_INITIAL_MS = 1000;
const CLOSED_RETRY_MAX_MS = 2000;
/**
 * Wait (ms) before this module re-opens a dropped stream itself because the browser's own
 * reconnect would not resume exactly (about the browser's own reconnect delay).
 */
const RESUME_RETRY_MS = 1000;

/** What one watch connection reports; `lastRevision` is asked for on every (re)open. */
export type WatchConnectionHandlers = {
  /** The highest revision delivered so far (null: none); older messages are dropped. */
  lastRevision: () => string | null;
  /**
   * The gateway's etcd watch exists (`event: ready`, data `{revision, startRevision}`), on
   * every (re)connect: events from `startRevision` on follow.
   */
  onOpen: (ready: ReadyMessage) => void;
  onChange: (message: ChangeMessage, revision: string) => void;
  /**
   * A progress message: its id when above the last revision, else null (a duplicate, which
   * still confirms the stream is alive).
   */
  onProgress: (revision: string | null) => void;
  /** `event: heartbeat`: etcd answered; `revision` is its store revision (not a resume point). */
  onHeartbeat: (message: HeartbeatMessage) => void;
  onReset: (message: ResetMessage, revision: string) => void;
  /** The gateway's `event: error` (the stream ends after it). */
  onServerError: (error: WatchErrorMessage["error"]) => void;
  /** The connection dropped; the browser (or this module) is reconnecting. */
  onDrop: () => void;
  /**
   * The gateway refused the watch for good (a 400/403 JSON answer, e.g. 403
   * `etcd_permission_denied`, or 400 for a start revision beyond the current one): the
   * connection stays closed; no more reconnects.
   */
  onRefused: (error: WatchErrorMessage["error"]) => void;
};

/**
 * Statuses that are the gateway's final word on a watch URL: 400 (a malformed watch) and 403
 * (etcd denied it, or the gateway's origin/read-only policy). Others are passing: 401 until the
 * user signs in again (the header's API poll sends them to /login), 404/5xx/429 during a deploy
 * or an outage.
 */
const FINAL_STATUSES = new Set([400, 403]);

/**
 * Why the gateway refuses `url` for good, read with one `fetch` (EventSource never exposes a
 * failed answer's status or body): the JSON error of a 400/403 answer ({@link FINAL_STATUSES});
 * null for anything worth retrying — a 2xx (the stream dropped at once), 401, 404, 429, 5xx, a
 * body that isn't JSON, or a network failure.
 */
export async function refusalOf(url: string): Promise<WatchErrorMessage["error"] | null> {
  const abort = new AbortController();
  try {
    const res = await fetch(url, { signal: abort.signal, headers: { accept: "application/json" } });
    if (!FINAL_STATUSES.has(res.status)) return null;
    const body = (await res.json()) as Partial<WatchErrorMessage>;
    return body.error ?? { code: String(res.status), message: res.statusText };
  } catch {
    return null;
  } finally {
    abort.abort();
  }
}

/**
 * Open an `EventSource` on `url`, starting after `handlers.lastRevision()`, and keep it open:
 * the browser reconnects by itself with `Last-Event-ID` when that resumes exactly; when it
 * would not (the stream dropped before any id reached the browser, e.g. a `ready` without an
 * id), this module closes it and re-opens with `fromRevision = last + 1` itself. After a non-200
 * answer (when the browser gives up) this asks once why ({@link refusalOf}): a 4xx refusal
 * (permission denied, a future start revision) is reported and ends it; anything else reopens
 * it. Messages at or below the last revision are dropped (client-side dedupe). Returns the
 * function that closes it for good.
 */
export function openWatchConnection(url: string, handlers: WatchConnectionHandlers): () => void {
  let es: EventSource | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  let asking = false;
  const closedRetries = new JitteredBackoff(CLOSED_RETRY_INITIAL_MS, CLOSED_RETRY_MAX_MS);

  const reopenAfter = (ms: number) => {
    if (stopped || retry !== null) return;
    retry = setTimeout(() => {
      retry = null;
      if (!stopped) connect();
    }, ms);
  };

  const connect = () => {
    // A fresh EventSource doesn't carry Last-Event-ID, so resume from the revision after the
    // last one seen explicitly (the gateway resumes exactly from there).
    const last = handlers.lastRevision();
    const from = last === null ? "" : `&fromRevision=${BigInt(last) + BigInt(1)}`;
    const opened = url + from;
    const source = new EventSource(opened);
    es = source;
    // The Last-Event-ID the browser would send on its own reconnect ("" until an id arrives).
    let browserLastId = "";

    /** Parse a message, noting its id; `revision` is its id (or its data's revision). */
    const parse = <T>(e: Event): { data: T; revision: string } => {
      const me = e as MessageEvent<string>;
      browserLastId = me.lastEventId;
      const data = JSON.parse(me.data) as T & { revision: string };
      return { data, revision: me.lastEventId || data.revision };
    };
    /** A revision-carrying message, or null when it is a duplicate (≤ last seen). */
    const fresh = <T>(e: Event): { data: T; revision: string } | null => {
      const m = parse<T>(e);
      return above(m.revision, handlers.lastRevision()) ? m : null;
    };

    // Connected means the gateway's etcd watch exists (`ready`), not merely that HTTP is open:
    // a put made between the two would otherwise be missed by a watch from "now".
    source.addEventListener("ready", (e) => {
      closedRetries.reset();
      handlers.onOpen(parse<ReadyMessage>(e).data);
    });
    source.addEventListener("change", (e) => {
      const m = fresh<ChangeMessage>(e);
      if (m) handlers.onChange(m.data, m.revision);
    });
    source.addEventListener("progress", (e) => {
      handlers.onProgress(fresh<{ revision: string }>(e)?.revision ?? null);
    });
    source.addEventListener("heartbeat", (e) =>
      handlers.onHeartbeat(parse<HeartbeatMessage>(e).data),
    );
    source.addEventListener("reset", (e) => {
      const m = fresh<ResetMessage>(e);
      if (m) handlers.onReset(m.data, m.revision);
    });
    // "error" is both the gateway's `event: error` (a MessageEvent with data) and the browser's
    // own connection-error event (a plain Event).
    source.addEventListener("error", (e) => {
      if (e instanceof MessageEvent && typeof e.data === "string") {
        handlers.onServerError((JSON.parse(e.data) as WatchErrorMessage).error);
        return;
      }
      handlers.onDrop();
      if (source.readyState !== EventSource.CLOSED) {
        // The browser is reconnecting. If its Last-Event-ID (or, without one, the URL) would
        // not resume right after the last revision this tab has, it would resume "from now"
        // and lose what happened meanwhile: re-open with an explicit fromRevision instead.
        if (!browserResumesExactly(browserLastId, opened, handlers.lastRevision())) {
          source.close();
          reopenAfter(RESUME_RETRY_MS);
        }
        return;
      }
      // The browser gives up for good on a non-200 answer. A 400/403 is the gateway's final word
      // (etcd denied the watch, a start revision beyond the current one): show it instead of
      // asking again every second or two. Otherwise (e.g. 503 while etcd is down, 401 until
      // signed in again) keep trying, as the browser would have.
      if (retry === null && !asking) {
        asking = true;
        void refusalOf(opened).then((refusal) => {
          asking = false;
          if (stopped) return;
          if (refusal) return handlers.onRefused(refusal);
          reopenAfter(closedRetries.next());
        });
      }
    });
  };
  connect();
  return () => {
    stopped = true;
    es?.close();
    if (retry) clearTimeout(retry);
  };
}
