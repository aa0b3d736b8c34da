import type { ChangeMessage, ResetMessage } from "@/lib/contract/watch";

/** The tab's one watch: the whole keyspace, with previous values (docs/watch-protocol.md). */
export const WATCH_URL = "/api/v1/watch?prefix=&prevKv=1";

/**
 * How the tab's watch stream connection is doing. `connected`: the gateway's etcd watch exists
 * (`ready` arrived); whether etcd still answers is {@link WatchStreamState.confirmedAt}'s job
 * (see streamHealth in watch-stream-health.ts for the shown `stale` state).
 */
export type WatchStreamStatus = "connecting" | "connected" | "reconnecting" | "closed";

/** Stream state shown to the user (status indicator). */
export type WatchStreamState = {
  status: WatchStreamStatus;
  /**
   * The revision the stream is confirmed current at: every event up to it was delivered (the
   * `change` / `progress` / `reset` ids, or the `ready` id `startRevision - 1` before any of
   * those). The stream resumes right after it. Null before the first `ready`.
   */
  lastRevision: string | null;
  /**
   * The highest store revision this stream has heard of (`ready` / `heartbeat` revisions and
   * every id); used to refuse a replay from a future revision. Null before any.
   */
  latestRevision: string | null;
  /**
   * `Date.now()` (ms) when etcd last confirmed this stream alive: a `ready`, `change`,
   * `progress`, `reset` or `heartbeat`; null before any.
   */
  confirmedAt: number | null;
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

/**
 * How a replay ended, reported once: `accepted` when the gateway's watch from that revision
 * exists (`ready`; history follows); `refused` with the gateway's (or this tab's own) reason,
 * after which the stream has gone back to the live position it had before the replay.
 */
export type ReplayOutcome = {
  onAccepted: () => void;
  onRefused: (error: { code: string; message: string }) => void;
};

/**
 * The stream's state, a way to subscribe to its messages (returns the unsubscribe), and
 * `replay(fromRevision, outcome?)`: drop the connection and start over from that revision
 * (history); `outcome` hears whether the gateway accepted it. A replay superseded by another
 * one reports nothing.
 */
export type WatchStream = {
  state: WatchStreamState;
  subscribe: (listener: WatchListener) => () => void;
  replay: (fromRevision: string, outcome?: ReplayOutcome) => void;
};

/** The state before the first connection opens. */
export const INITIAL_STREAM_STATE: WatchStreamState = {
  status: "connecting",
  lastRevision: null,
  latestRevision: null,
  confirmedAt: null,
  reconnects: 0,
  error: null,
};
