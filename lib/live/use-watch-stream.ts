"use client";

import { throttle } from "throttle-debounce";
import { useCallback, useEffect, useRef, useState } from "react";
import { openWatchConnection } from "./watch-connection";
import { maxRevision } from "./watch-resume";
import {
  INITIAL_STREAM_STATE,
  WATCH_URL,
  type ReplayOutcome,
  type WatchListener,
  type WatchStream,
  type WatchStreamMessage,
  type WatchStreamState,
} from "./watch-stream-types";

export {
  WATCH_URL,
  type ReplayOutcome,
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
 * `ready` sets the resume point (its `startRevision - 1`) when nothing was delivered yet, so a
 * stream that drops before its first change still resumes exactly. Every `ready`, `change`,
 * `progress`, `reset` and `heartbeat` stamps `confirmedAt` (see streamHealth).
 * This hook counts reconnects, closes the stream on unmount and, on `replay(n)`, reopens it
 * from revision n (history; a compacted start answers with a `reset`). A replay the gateway
 * refuses (400: n is beyond the current revision), or that this tab finds to start in the
 * future (its `ready` names a store revision below n - 1), is reported to the replay's
 * `outcome` and the stream goes back to the live position it had before. A live watch
 * the gateway refuses (403 `etcd_permission_denied`) ends as `closed` with the gateway's
 * message in `error`.
 * @param url  the watch URL; null opens nothing yet (e.g. while the scope is being decided)
 */
export function useWatchStream(url: string | null = WATCH_URL): WatchStream {
  const [state, setState] = useState<WatchStreamState>(INITIAL_STREAM_STATE);
  const listeners = useRef(new Set<WatchListener>());
  const replayRef = useRef<(fromRevision: string, outcome?: ReplayOutcome) => void>(() => {});

  useEffect(() => {
    if (url === null) return;
    let current: WatchStreamState = INITIAL_STREAM_STATE;
    // Trailing edge only: the state `PUBLISH_MS` after the first of a burst, then the latest.
    const publishLater = throttle(PUBLISH_MS, () => setState(current), { noLeading: true });
    let opened = false;
    // A replay not yet accepted, and where the live stream was (to go back to if refused).
    let replaying: { from: string; liveAfter: string | null; outcome?: ReplayOutcome } | null =
      null;
    const publish = (next: WatchStreamState, now = false) => {
      current = next;
      if (now) {
        publishLater.cancel({ upcomingOnly: true });
        setState(current);
      } else {
        publishLater();
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
    /** `current` after etcd confirmed the stream at `revision` (an id or a store revision). */
    const confirmed = (revision: string | null, delivered: boolean): WatchStreamState => ({
      ...current,
      lastRevision: delivered && revision !== null ? revision : current.lastRevision,
      latestRevision: maxRevision(current.latestRevision, revision),
      confirmedAt: Date.now(),
    });
    const open = () =>
      openWatchConnection(url, {
        lastRevision: () => current.lastRevision,
        onOpen: (ready) => {
          // No future-start check here: `ready.revision` is what the feed delivered for this
          // range (below the store's revision on a quiet prefix); the gateway refuses a future
          // start itself, with 400 naming the current revision.
          const start = BigInt(ready.startRevision);
          const reconnects = current.reconnects + (opened ? 1 : 0);
          opened = true;
          const next = confirmed(ready.revision, false);
          // Resume right after the revision this stream starts after, even before any change.
          const lastRevision = next.lastRevision ?? (start - BigInt(1)).toString();
          publish({ ...next, lastRevision, status: "connected", error: null, reconnects }, true);
          const outcome = replaying?.outcome;
          replaying = null;
          outcome?.onAccepted();
        },
        onChange: (message, revision) => {
          publish(confirmed(revision, true));
          emit({ kind: "change", message });
        },
        onProgress: (revision) => publish(confirmed(revision, true)),
        onHeartbeat: ({ revision }) => publish(confirmed(revision, false)),
        onReset: (message, revision) => {
          const before = current.lastRevision;
          publish(confirmed(revision, true), true);
          emit({ kind: "reset", message, lastRevision: before });
        },
        onServerError: (error) => publish({ ...current, error }, true),
        onDrop: () => publish({ ...current, status: "reconnecting" }, true),
        onRefused: (error) => {
          if (replaying) return refuseReplay(error);
          publish({ ...current, status: "closed", error }, true);
        },
      });
    let close: () => void = () => {};
    /** Start over as a new stream whose last delivered revision is `lastRevision`. */
    const restart = (lastRevision: string | null) => {
      close();
      opened = false;
      const { latestRevision } = current;
      publish({ ...INITIAL_STREAM_STATE, lastRevision, latestRevision }, true);
      close = open();
    };
    /** Report the pending replay refused and go back live from where the stream was. */
    const refuseReplay = (error: { code: string; message: string }) => {
      const outcome = replaying?.outcome;
      const liveAfter = replaying?.liveAfter ?? null;
      replaying = null;
      restart(liveAfter);
      outcome?.onRefused(error);
    };
    close = open();
    replayRef.current = (fromRevision, outcome) => {
      // A replay replacing one not yet accepted goes back to the same live position.
      const liveAfter = replaying ? replaying.liveAfter : current.lastRevision;
      replaying = { from: fromRevision, liveAfter, outcome };
      restart((BigInt(fromRevision) - BigInt(1)).toString());
    };
    return () => {
      close();
      replayRef.current = () => {};
      publishLater.cancel();
    };
  }, [url]);

  const subscribe = useCallback((listener: WatchListener) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);
  const replay = useCallback(
    (fromRevision: string, outcome?: ReplayOutcome) => replayRef.current(fromRevision, outcome),
    [],
  );

  return { state, subscribe, replay };
}
