import type { WatchStreamMessage } from "@/lib/live/use-watch-stream";
import type { WatchEventDto } from "@/lib/contract";

/** The log keeps at most this many rows; older ones fall off the top. */
export const EVENT_LOG_LIMIT = 50_000;

/** One row of the event log: an etcd event, or a gap marker left by a `reset`. */
export type LogRow =
  | {
      kind: "event";
      /** Unique, increasing row id (React key). */
      id: number;
      revision: string;
      type: WatchEventDto["type"];
      key: string;
      keyEncoding: WatchEventDto["kv"]["keyEncoding"];
      value: string;
      valueEncoding: WatchEventDto["kv"]["valueEncoding"];
      /** The kv's modRevision (a delete's is the deleting revision). */
      modRevision: string;
      /** The value before this event (from the stream's `prevKv`); null when there was none. */
      prev: { value: string; valueEncoding: WatchEventDto["kv"]["valueEncoding"] } | null;
      /** `Date.now()` when the row arrived. */
      at: number;
    }
  | {
      kind: "gap";
      id: number;
      /** Last revision seen before the reset (null: none). */
      from: string | null;
      compactRevision: string;
      /** Where the state was re-synced (the reset's revision). */
      revision: string;
      at: number;
    };

/** Event log state: shown rows, rows held back while paused, and the row id counter. */
export type EventLogState = { rows: LogRow[]; buffered: LogRow[]; paused: boolean; nextId: number };

/** What the event log reducer understands. */
export type EventLogAction =
  | { type: "messages"; messages: WatchStreamMessage[]; at: number }
  | { type: "pause" }
  | { type: "resume" }
  | { type: "clear" };

/** An empty, running log. */
export const EMPTY_EVENT_LOG: EventLogState = { rows: [], buffered: [], paused: false, nextId: 0 };

function bounded(rows: LogRow[], limit: number): LogRow[] {
  return rows.length > limit ? rows.slice(rows.length - limit) : rows;
}

/** Turn stream messages into log rows (one per event; a reset becomes a gap marker). */
function toRows(messages: WatchStreamMessage[], at: number, firstId: number): LogRow[] {
  const out: LogRow[] = [];
  let id = firstId;
  for (const msg of messages) {
    if (msg.kind === "reset") {
      const { compactRevision, revision } = msg.message;
      out.push({ kind: "gap", id: id++, from: msg.lastRevision, compactRevision, revision, at });
      continue;
    }
    for (const ev of msg.message.events) {
      out.push({
        kind: "event",
        id: id++,
        revision: msg.message.revision,
        type: ev.type,
        key: ev.kv.key,
        keyEncoding: ev.kv.keyEncoding,
        value: ev.type === "put" ? ev.kv.value : "",
        valueEncoding: ev.kv.valueEncoding,
        modRevision: ev.kv.modRevision,
        prev: ev.prevKv ? { value: ev.prevKv.value, valueEncoding: ev.prevKv.valueEncoding } : null,
        at,
      });
    }
  }
  return out;
}

/**
 * The live event log, kept outside the query cache (docs/architecture.md) and bounded to
 * `limit` rows in both the shown list and the pause buffer. Rows are stored oldest first.
 */
export function reduceEventLog(
  state: EventLogState,
  action: EventLogAction,
  limit: number,
): EventLogState {
  switch (action.type) {
    case "messages": {
      const rows = toRows(action.messages, action.at, state.nextId);
      if (rows.length === 0) return state;
      const nextId = state.nextId + rows.length;
      return state.paused
        ? { ...state, buffered: bounded([...state.buffered, ...rows], limit), nextId }
        : { ...state, rows: bounded([...state.rows, ...rows], limit), nextId };
    }
    case "pause":
      return { ...state, paused: true };
    case "resume":
      return {
        ...state,
        paused: false,
        rows: bounded([...state.rows, ...state.buffered], limit),
        buffered: [],
      };
    case "clear":
      return { ...state, rows: [], buffered: [] };
  }
}

/** {@link reduceEventLog} bounded to {@link EVENT_LOG_LIMIT} rows, for `useReducer`. */
export function eventLogReducer(state: EventLogState, action: EventLogAction): EventLogState {
  return reduceEventLog(state, action, EVENT_LOG_LIMIT);
}
