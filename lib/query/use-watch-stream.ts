"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { openWatchConnection } from "./watch-connection";
import {
  INITIAL_STREAM_STATE,
  WATCH_URL,
  type WatchListener,
  type WatchStream,
  type WatchStreamMessage,
  type WatchStreamState,
} from "./watch-stream-types";

export {
  WATCH_URL,
  type WatchListener,
  type WatchStream,
  type WatchStreamMessage,
  type WatchStreamState,
  type WatchStreamStatus,
} from "./watch-stream-types";

// At most this often is the state pushed into React, so a burst of 1k events/s doesn't
// re-render the page 1k times a second.
const PUBLISH_MS = 250;

/**
 * One `EventSource` on {@link WATCH_URL} for the component's lifetime (mount it once per tab).
 * The browser reconnects by itself with `Last-Event-ID` and the gateway resumes exactly; the
 * connection still drops any message whose revision is ≤ the last one seen (client-side dedupe).
 * This hook counts reconnects, closes the stream on unmount and, on `replay(n)`, reopens it
 * from revision n (history; a compacted start answers with a `reset`). A watch the gateway
 * refuses (403 `etcd_permission_denied`) ends as `closed` with the gateway's message in `error`.
 * @param url  the watch URL; null opens nothing yet (e.g. while the scope is being decided)
 */
export function useWatchStream(url: string | null = WATCH_URL): WatchStream {
  const [state, setState] = useState<WatchStreamState>(INITIAL_STREAM_STATE);
  const listeners = useRef(new Set<WatchListener>());
  const replayRef = useRef<(fromRevision: string) => void>(() => {});

  useEffect(() => {
    if (url === null) return;
    let current: WatchStreamState = INITIAL_STREAM_STATE;
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
    const open = () =>
      openWatchConnection(url, {
        lastRevision: () => current.lastRevision,
        onOpen: () => {
          const reconnects = current.reconnects + (opened ? 1 : 0);
          publish({ ...current, status: "connected", error: null, reconnects }, true);
          opened = true;
        },
        onChange: (message, revision) => {
          publish({ ...current, lastRevision: revision, lastActivityAt: Date.now() });
          emit({ kind: "change", message });
        },
        onProgress: (revision) => {
          const lastRevision = revision ?? current.lastRevision;
          publish({ ...current, lastRevision, lastActivityAt: Date.now() });
        },
        onReset: (message, revision) => {
          const before = current.lastRevision;
          publish({ ...current, lastRevision: revision, lastActivityAt: Date.now() }, true);
          emit({ kind: "reset", message, lastRevision: before });
        },
        onServerError: (error) => publish({ ...current, error }, true),
        onDrop: () => publish({ ...current, status: "reconnecting" }, true),
        onRefused: (error) => publish({ ...current, status: "closed", error }, true),
      });
    let close = open();
    replayRef.current = (fromRevision) => {
      close();
      // Start over as a new stream whose last delivered revision is the one before `from`.
      opened = false;
      const lastRevision = (BigInt(fromRevision) - BigInt(1)).toString();
      publish({ ...INITIAL_STREAM_STATE, lastRevision }, true);
      close = open();
    };
    return () => {
      close();
      replayRef.current = () => {};
      if (timer) clearTimeout(timer);
    };
  }, [url]);

  const subscribe = useCallback((listener: WatchListener) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);
  const replay = useCallback((fromRevision: string) => replayRef.current(fromRevision), []);

  return { state, subscribe, replay };
}
