"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useRef } from "react";
import { displayKey, escapeInvisible } from "@/lib/format/display-key";
import type { LogRow } from "./event-log-reducer";

/** Height of one log row in pixels (matches the rows' h-6). */
const ROW_PX = 24;

/** A short, plain-text preview of a value (binary values show escaped bytes). */
function preview(value: string, encoding: "utf8" | "base64"): string {
  const text =
    encoding === "base64"
      ? displayKey(value.slice(0, 160), "base64")
      : escapeInvisible(value.slice(0, 160));
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

function time(at: number): string {
  return new Date(at).toLocaleTimeString(undefined, { hour12: false });
}

/** One row; everything is rendered as text (React escapes it), never as HTML. */
function Row({ row }: { row: LogRow }) {
  if (row.kind === "gap") {
    return (
      <div className="flex h-6 items-center gap-2 bg-amber-50 px-3 text-amber-900">
        <span aria-hidden>⚠</span>
        <span className="truncate">
          History between rev {row.from ?? "(start)"} and {row.compactRevision} was compacted; state
          re-synced at {row.revision}
        </span>
        <span className="ml-auto shrink-0 text-amber-700">{time(row.at)}</span>
      </div>
    );
  }
  const del = row.type === "delete";
  return (
    <div className="flex h-6 items-center gap-3 px-3 font-mono">
      <span className="w-16 shrink-0 text-right text-slate-500">{row.revision}</span>
      <span className={`w-12 shrink-0 ${del ? "text-rose-700" : "text-emerald-700"}`}>
        {row.type}
      </span>
      <span className="max-w-[40%] shrink-0 truncate text-slate-900">
        {displayKey(row.key, row.keyEncoding)}
      </span>
      <span className="min-w-0 flex-1 truncate text-slate-500">
        {del ? "" : preview(row.value, row.valueEncoding)}
      </span>
      <span className="shrink-0 text-slate-400">{time(row.at)}</span>
    </div>
  );
}

/**
 * The event log's rows, newest first, virtualized so 50k rows scroll smoothly (only the rows in
 * view are in the DOM).
 * @prop rows  the rows to show, oldest first (as the reducer stores them)
 */
export function EventLogList({ rows }: { rows: LogRow[] }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = rows.length;
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual is not memoizable
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_PX,
    overscan: 20,
    getItemKey: (i) => rows[count - 1 - i].id,
  });

  return (
    <div ref={scrollRef} className="min-h-0 flex-1 overflow-auto text-xs">
      {count === 0 ? (
        <p className="p-3 text-slate-500">No events yet. Changes anywhere in etcd show up here.</p>
      ) : (
        <div
          role="list"
          aria-label="Events"
          style={{ height: virtualizer.getTotalSize() }}
          className="relative"
        >
          {virtualizer.getVirtualItems().map((v) => {
            const row = rows[count - 1 - v.index];
            return (
              <div
                key={v.key}
                role="listitem"
                className="absolute inset-x-0 border-b border-slate-100"
                style={{ transform: `translateY(${v.start}px)`, height: ROW_PX }}
              >
                <Row row={row} />
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}
