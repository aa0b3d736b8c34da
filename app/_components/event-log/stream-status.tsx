"use client";

import { useStreamHealth } from "@/lib/live/use-stream-health";
import type { StreamHealth } from "@/lib/live/watch-stream-health";
import type { WatchStreamState } from "@/lib/live/use-watch-stream";

const DOT = {
  connecting: "bg-slate-400",
  connected: "bg-emerald-500",
  stale: "bg-amber-500",
  reconnecting: "bg-amber-500 animate-pulse",
  closed: "bg-rose-500",
} as const;

/** The status word(s): a stale stream says for how long etcd has not confirmed it. */
function label(health: StreamHealth): string {
  switch (health.status) {
    case "connecting":
      return "Connecting…";
    case "connected":
      return "Connected";
    case "stale":
      return `etcd not answering (${health.confirmedAgoS ?? 0} s)`;
    case "reconnecting":
      return "Reconnecting…";
    case "closed":
      return "Disconnected";
  }
}

/**
 * The watch stream's health in one line: connected (green), etcd not answering (amber: no
 * confirmation for over 12 s, or the header says etcd is unreachable), reconnecting, closed;
 * the revision the stream is current at and how long ago etcd last confirmed it (a change,
 * progress or the gateway's ~5 s heartbeat), and how often it reconnected.
 * @prop state  the tab's watch stream state
 */
export function StreamStatus({ state }: { state: WatchStreamState }) {
  const health = useStreamHealth(state);
  return (
    <div
      aria-label="Watch stream status"
      data-status={health.status}
      className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600"
    >
      <span className="flex items-center gap-1.5">
        <span aria-hidden className={`inline-block h-2 w-2 rounded-full ${DOT[health.status]}`} />
        <span
          aria-label="Stream state"
          className={health.status === "stale" ? "text-amber-700" : undefined}
        >
          {label(health)}
        </span>
      </span>
      <span>
        current at rev{" "}
        <span aria-label="Last revision" className="font-mono">
          {state.lastRevision ?? "—"}
        </span>
        {" · "}
        <span aria-label="Last confirmed">
          {health.confirmedAgoS === null
            ? "not confirmed yet"
            : `confirmed ${health.confirmedAgoS} s ago`}
        </span>
      </span>
      <span>
        {state.reconnects} reconnect{state.reconnects === 1 ? "" : "s"}
      </span>
      {state.error ? (
        <span className="text-rose-700">
          {state.error.code}: {state.error.message}
        </span>
      ) : null}
    </div>
  );
}
