"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { ChangeMessage, ResetMessage, WatchErrorMessage } from "@/lib/contract/watch";

/** The tab's one watch: the whole keyspace, with previous values (DESIGN.md §4). */
export const WATCH_URL = "/api/v1/watch?prefix=&prevKv=1";

/** How the tab's watch stream is doing. */
export type WatchStreamStatus = "connecting" | "connected" | "reconnecting" | "closed";

/** Stream state shown to the user (status indicator). */
export type WatchStreamState = {
  status: WatchStreamStatus;
  /** The highest revision delivered (from `change` / `progress` / `reset` ids); null before any. */
  lastRevision: string | null;
  /** `Date.now()` of the last change, progress or reset; null before any. */
  lastActivityAt: number | null;
  /** How many times the stream came back after dropping. */
  reconnects: number;
  /** The last `event: error` from the gateway (the stream ends after it), if any. */
  error: { code: string; message: string } | null;
};

/**
 * What subscribers receive. `reset.lastRevision` is the revision the client had seen before the
 * reset (null if none), so a gap can be shown as "between A and B".
 */
export type WatchStreamMessage =
  | { kind: "change"; message: ChangeMessage }
  | { kind: "reset"; message: ResetMessage; lastRevision: string | null };

/** A subscriber to change / reset messages. */
export type WatchListener = (msg: WatchStreamMessage) => void;

/** The stream's state plus a way to subscribe to its messages (returns the unsubscribe). */
export type WatchStream = {
  state: WatchStreamState;
  subscribe: (listener: WatchListener) => () => void;
};

const INITIAL: WatchStreamState = {
  status: "connecting",
  lastRevision: null,
  lastActivityAt: null,
  reconnects: 0,
  error: null,
};

// At most this often is the state pushed into React, so a burst of 1k events/s doesn't
// re-render the page 1k times a second.
const PUBLISH_MS = 250;

/** Wait before re-opening a stream the browser closed for good (a non-200 answer). */
const CLOSED_RETRY_MS = 2000;

/** Whether revision `a` is strictly above `b` (int64 decimal strings; null is below all). */
function above(a: string, b: string | null): boolean {
  return b === null || BigInt(a) > BigInt(b);
}

/**
 * One `EventSource` on {@link WATCH_URL} for the component's lifetime (mount it once per tab).
 * The browser reconnects by itself with `Last-Event-ID` and the gateway resumes exactly; this
 * hook still drops any message whose revision is ≤ the last one seen (client-side dedupe), counts
 * reconnects and closes the stream on unmount.
 */
export function useWatchStream(url: string = WATCH_URL): WatchStream {
  const [state, setState] = useState<WatchStreamState>(INITIAL);
  const listeners = useRef(new Set<WatchListener>());

  useEffect(() => {
    let current: WatchStreamState = INITIAL;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let opened = false;
    const publish = (next: WatchStreamState, now = false) => {
      current = next;
      if (now) {
        if (timer) clearTimeout(timer);
        timer = null;
        setState(current);
      } else if (!timer) {
        timer = setTimeout(() => {
          timer = null;
          setState(current);
        }, PUBLISH_MS);
      }
    };
    const emit = (msg: WatchStreamMessage) => {
      for (const l of listeners.current) {
        try {
          l(msg);
        } catch (err) {
          // One broken subscriber must not stop the others (nor the stream).
          console.warn("watch listener failed", err);
        }
      }
    };
    /** Parse a revision-carrying message; null when it is a duplicate (≤ last seen). */
    const fresh = <T>(e: Event): { data: T; revision: string } | null => {
      const me = e as MessageEvent<string>;
      const data = JSON.parse(me.data) as T & { revision: string };
      const revision = me.lastEventId || data.revision;
      if (!above(revision, current.lastRevision)) return null;
      return { data, revision };
    };

    let es: EventSource;
    let retry: ReturnType<typeof setTimeout> | null = null;
    const connect = () => {
      // A fresh EventSource doesn't carry Last-Event-ID, so resume from the revision after the
      // last one seen explicitly (the gateway resumes exactly from there).
      const from =
        current.lastRevision === null
          ? ""
          : `&fromRevision=${BigInt(current.lastRevision) + BigInt(1)}`;
      es = new EventSource(url + from);
      es.onopen = () => {
        publish(
          {
            ...current,
            status: "connected",
            error: null,
            reconnects: current.reconnects + (opened ? 1 : 0),
          },
          true,
        );
        opened = true;
      };
      es.addEventListener("change", (e) => {
        const m = fresh<ChangeMessage>(e);
        if (!m) return;
        publish({ ...current, lastRevision: m.revision, lastActivityAt: Date.now() });
        emit({ kind: "change", message: m.data });
      });
      es.addEventListener("progress", (e) => {
        const m = fresh<{ revision: string }>(e);
        publish({
          ...current,
          lastRevision: m ? m.revision : current.lastRevision,
          lastActivityAt: Date.now(),
        });
      });
      es.addEventListener("reset", (e) => {
        const before = current.lastRevision;
        const m = fresh<ResetMessage>(e);
        if (!m) return;
        publish({ ...current, lastRevision: m.revision, lastActivityAt: Date.now() }, true);
        emit({ kind: "reset", message: m.data, lastRevision: before });
      });
      // "error" is both the gateway's `event: error` (a MessageEvent with data) and the browser's
      // own connection-error event (a plain Event).
      es.addEventListener("error", (e) => {
        if (e instanceof MessageEvent && typeof e.data === "string") {
          const { error } = JSON.parse(e.data) as WatchErrorMessage;
          publish({ ...current, error }, true);
          return;
        }
        if (es.readyState !== EventSource.CLOSED) {
          publish({ ...current, status: "reconnecting" }, true);
          return;
        }
        // The browser gives up for good on a non-200 answer (e.g. 503 while etcd is down); keep
        // trying ourselves, as the browser would have.
        publish({ ...current, status: "reconnecting" }, true);
        retry ??= setTimeout(() => {
          retry = null;
          connect();
        }, CLOSED_RETRY_MS);
      });
    };
    connect();
    return () => {
      es.close();
      if (retry) clearTimeout(retry);
      if (timer) clearTimeout(timer);
    };
  }, [url]);

  const subscribe = useCallback((listener: WatchListener) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);

  return { state, subscribe };
}
