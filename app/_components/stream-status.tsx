"use client";

import { useEffect, useState } from "react";
import type { WatchStreamState } from "@/lib/query/use-watch-stream";

const LABEL = {
  connecting: "Connecting…",
  connected: "Connected",
  reconnecting: "Reconnecting…",
  closed: "Disconnected",
} as const;

const DOT = {
  connecting: "bg-slate-400",
  connected: "bg-emerald-500",
  reconnecting: "bg-amber-500 animate-pulse",
  closed: "bg-rose-500",
} as const;

/** Seconds since `at`, re-rendered every second. */
function useSecondsSince(at: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  return at === null ? null : Math.max(0, Math.floor((now - at) / 1000));
}

/**
 * The watch stream's health in one line: connected / reconnecting, the last revision seen,
 * seconds since the last event or progress notification, and how often it reconnected.
 * @prop state  the tab's watch stream state
 */
export function StreamStatus({ state }: { state: WatchStreamState }) {
  const since = useSecondsSince(state.lastActivityAt);
  return (
    <div
      aria-label="Watch stream status"
      className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600"
    >
      <span className="flex items-center gap-1.5">
        <span aria-hidden className={`inline-block h-2 w-2 rounded-full ${DOT[state.status]}`} />
        <span aria-label="Stream state">{LABEL[state.status]}</span>
      </span>
      <span>
        last revision{" "}
        <span aria-label="Last revision" className="font-mono">
          {state.lastRevision ?? "—"}
        </span>
      </span>
      <span>{since === null ? "no activity yet" : `${since} s since last event or progress`}</span>
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
