"use client";

import { useQueryClient } from "@tanstack/react-query";
import { ChevronDown, ChevronRight } from "lucide-react";
import { throttle } from "throttle-debounce";
import { useEffect, useMemo, useReducer, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import type { HealthResponse } from "@/lib/contract";
import { displayKey } from "@/lib/format/display-key";
import { healthKeys } from "@/lib/query/keys";
import { getHealth } from "@/lib/query/use-health-query";
import { maxRevision } from "@/lib/live/watch-resume";
import type { WatchStream, WatchStreamMessage } from "@/lib/live/use-watch-stream";
import { EventLogList } from "./event-log-list";
import { downloadNdjson } from "./event-log-export";
import { EMPTY_EVENT_LOG, eventLogReducer, type LogRow } from "./event-log-reducer";
import { ReplayForm } from "./replay-form";
import { StreamStatus } from "./stream-status";
import { Input, Select } from "@/components/ui/input";
import { useShortcut } from "../shortcuts/use-shortcut";

// Messages are folded into the log in batches, so a burst costs one render, not one per event.
const FLUSH_MS = 100;

type TypeFilter = "all" | "put" | "delete";

function matches(row: LogRow, needle: string, type: TypeFilter): boolean {
  if (row.kind === "gap") return true; // a gap is never hidden: it explains missing history
  if (type !== "all" && row.type !== type) return false;
  return needle === "" || displayKey(row.key, row.keyEncoding).includes(needle);
}

/**
 * The live event log: a collapsible bottom panel (collapsed, it shows only its header with the
 * stream status, so it never covers the explorer). It keeps collecting while collapsed; Alt+L
 * shows or hides it.
 * Filter by key substring and type; pause (new events are buffered) and resume; clear; export
 * the shown rows as NDJSON; replay history from a revision (the log starts over once the gateway
 * accepts it; a future or malformed revision is refused inline and the live stream goes on).
 * @prop stream  the tab's watch stream
 * @prop note    why the stream covers less than the whole keyspace (etcd permissions), if it does
 */
export function EventLog({ stream, note = null }: { stream: WatchStream; note?: string | null }) {
  const [log, dispatch] = useReducer(eventLogReducer, EMPTY_EVENT_LOG);
  const [open, setOpen] = useState(false);
  useShortcut("eventLog", () => setOpen((o) => !o));
  const [needle, setNeedle] = useState("");
  const [type, setType] = useState<TypeFilter>("all");
  // Messages not yet folded into the log (a ref, so a replay can drop the old stream's).
  const pending = useRef<WatchStreamMessage[]>([]);
  const { subscribe, replay } = stream;
  const qc = useQueryClient();
  // The latest store revision this tab knows: the stream's, or the header's health poll.
  const health = qc.getQueryData<HealthResponse>(healthKeys.all);
  const currentRevision = maxRevision(stream.state.latestRevision, health?.etcd.revision ?? null);
  const freshRevision = () =>
    qc
      .fetchQuery({
        queryKey: healthKeys.all,
        queryFn: ({ signal }) => getHealth(signal),
        staleTime: 0,
        retry: false,
      })
      .then((h) => h.etcd.revision)
      .catch(() => null);

  useEffect(() => {
    // Trailing edge only: messages are folded in FLUSH_MS after the first of a batch.
    const flush = throttle(
      FLUSH_MS,
      () => {
        const messages = pending.current;
        pending.current = [];
        dispatch({ type: "messages", messages, at: Date.now() });
      },
      { noLeading: true },
    );
    const unsubscribe = subscribe((msg) => {
      pending.current.push(msg);
      flush();
    });
    return () => {
      unsubscribe();
      flush.cancel();
    };
  }, [subscribe]);

  const shown = useMemo(
    () =>
      needle === "" && type === "all" ? log.rows : log.rows.filter((r) => matches(r, needle, type)),
    [log.rows, needle, type],
  );

  /** Replay from `fromRevision`; the log starts over only once the gateway accepted it. */
  function startReplay(fromRevision: string): Promise<string | null> {
    return new Promise((resolve) =>
      replay(fromRevision, {
        onAccepted: () => {
          // Runs on `ready`, before any of the replayed stream's messages.
          pending.current = [];
          dispatch({ type: "clear" });
          resolve(null);
        },
        onRefused: (error) => resolve(error.message),
      }),
    );
  }

  return (
    <section
      aria-label="Event log"
      className={`flex shrink-0 flex-col border-t border-slate-300 bg-white ${open ? "h-[40vh]" : ""}`}
    >
      <div className="flex flex-wrap items-center gap-3 px-3 py-1.5">
        <Button size="sm" variant="ghost" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? <ChevronDown aria-hidden size={14} /> : <ChevronRight aria-hidden size={14} />}
          {open ? "Hide event log" : "Show event log"}
        </Button>
        <span className="text-xs text-slate-500">
          {log.rows.length.toLocaleString()} events
          {log.paused ? ` · ${log.buffered.length.toLocaleString()} buffered` : ""}
        </span>
        {note ? (
          <span role="note" className="text-xs text-amber-700">
            {note}
          </span>
        ) : null}
        <div className="ml-auto">
          <StreamStatus state={stream.state} />
        </div>
      </div>
      {open ? (
        <>
          <div className="flex flex-wrap items-center gap-2 border-y border-slate-200 bg-slate-50 px-3 py-1.5 text-xs">
            <Input
              compact
              type="search"
              aria-label="Filter events by key"
              placeholder="Filter by key…"
              value={needle}
              onChange={(e) => setNeedle(e.target.value)}
              className="w-64"
            />
            <label className="flex items-center gap-1 text-slate-600">
              Type
              <Select
                compact
                aria-label="Event type"
                value={type}
                onChange={(e) => setType(e.target.value as TypeFilter)}
              >
                <option value="all">All</option>
                <option value="put">put</option>
                <option value="delete">delete</option>
              </Select>
            </label>
            <Button size="sm" onClick={() => dispatch({ type: log.paused ? "resume" : "pause" })}>
              {log.paused ? "Resume" : "Pause"}
            </Button>
            <Button size="sm" onClick={() => dispatch({ type: "clear" })}>
              Clear
            </Button>
            <Button size="sm" disabled={shown.length === 0} onClick={() => downloadNdjson(shown)}>
              Export NDJSON
            </Button>
            <ReplayForm
              currentRevision={currentRevision}
              freshRevision={freshRevision}
              onReplay={startReplay}
            />
            {shown.length !== log.rows.length ? (
              <span className="text-slate-500">
                showing {shown.length.toLocaleString()} of {log.rows.length.toLocaleString()}
              </span>
            ) : null}
          </div>
          <EventLogList rows={shown} />
        </>
      ) : null}
    </section>
  );
}
