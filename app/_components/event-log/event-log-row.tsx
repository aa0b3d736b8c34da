"use client";

import { TriangleAlert } from "lucide-react";
import { displayKey, escapeInvisible } from "@/lib/format/display-key";
import { EventDetail } from "./event-detail";
import type { LogRow } from "./event-log-reducer";

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

/**
 * One log row; everything is rendered as text (React escapes it), never as HTML. An event's
 * summary line is a button that expands it to show the previous value and a diff.
 * @prop expanded  the event's details are shown
 * @prop onToggle  expand or collapse the event
 */
export function EventLogRow({
  row,
  expanded,
  onToggle,
}: {
  row: LogRow;
  expanded: boolean;
  onToggle: () => void;
}) {
  if (row.kind === "gap") {
    return (
      <div className="flex h-6 items-center gap-2 bg-amber-50 px-3 text-amber-900">
        <TriangleAlert aria-hidden size={14} className="shrink-0" />
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
    <>
      <button
        type="button"
        aria-expanded={expanded}
        onClick={onToggle}
        className="flex h-6 w-full items-center gap-3 px-3 text-left font-mono hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-sky-400 focus-visible:outline-none focus-visible:ring-inset"
      >
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
        <span className="shrink-0 text-slate-500">{time(row.at)}</span>
      </button>
      {expanded ? <EventDetail row={row} /> : null}
    </>
  );
}
