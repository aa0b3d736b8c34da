import type { ChangeMessage, ResetMessage } from "@/lib/contract/watch";

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

/**
 * The stream's state, a way to subscribe to its messages (returns the unsubscribe), and
 * `replay(fromRevision)`: drop the connection and start over from that revision (history).
 */
export type WatchStream = {
  state: WatchStreamState;
  subscribe: (listener: WatchListener) => () => void;
  replay: (fromRevision: string) => void;
};

/** The state before the first connection opens. */
export const INITIAL_STREAM_STATE: WatchStreamState = {
  status: "connecting",
  lastRevision: null,
  lastActivityAt: null,
  reconnects: 0,
  error: null,
};
