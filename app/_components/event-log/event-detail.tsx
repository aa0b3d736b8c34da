"use client";

import { useMemo } from "react";
import type { LogRow } from "./event-log-reducer";
import { EventDecode } from "../kubernetes/event-decode";
import { diffableText, lineDiff } from "../../../lib/format/value-diff";
import { WhatChangedLink } from "./what-changed-link";
import { isRegistryKeyText } from "@/lib/kubernetes/registry";

type EventRow = Extract<LogRow, { kind: "event" }>;

const OP_CLASS = {
  "+": "bg-emerald-50 text-emerald-900",
  "-": "bg-rose-50 text-rose-900",
  " ": "text-slate-600",
} as const;

/** A value shown whole, as text (never HTML). */
function ValueBlock({ label, text }: { label: string; text: string }) {
  return (
    <div className="min-w-0 flex-1">
      <div className="mb-0.5 font-sans font-semibold text-slate-600">{label}</div>
      <pre
        aria-label={label}
        className="max-h-40 overflow-auto rounded border border-slate-200 bg-white p-1.5 whitespace-pre-wrap"
      >
        {text === "" ? <span className="text-slate-500">(empty)</span> : text}
      </pre>
    </div>
  );
}

/**
 * An expanded event: its previous value (the stream's `prevKv`) beside the new one, and a line
 * diff between them, and a link to what changed in the key's folder since this event. All of it
 * is rendered as text, so values can't inject markup.
 * @prop row  the event to detail
 */
export function EventDetail({ row }: { row: EventRow }) {
  const before = row.prev ? diffableText(row.prev.value, row.prev.valueEncoding) : null;
  const after = row.type === "put" ? diffableText(row.value, row.valueEncoding) : null;
  const diff = useMemo(
    () => (before !== null && after !== null ? lineDiff(before, after) : null),
    [before, after],
  );

  return (
    <div
      role="region"
      aria-label={`Details of revision ${row.revision}`}
      className="space-y-2 border-t border-slate-100 bg-slate-50 px-3 py-2 font-mono"
    >
      <div className="flex gap-3">
        <ValueBlock
          label="Previous value"
          text={before ?? (row.type === "put" ? "(none: the key was created)" : "(not known)")}
        />
        <ValueBlock label="New value" text={after ?? "(deleted)"} />
      </div>
      {row.type === "put" && isRegistryKeyText(row.key, row.keyEncoding) ? (
        <EventDecode keyRef={row} revision={row.modRevision} />
      ) : null}
      {before !== null && after !== null ? (
        <div>
          <div className="mb-0.5 font-sans font-semibold text-slate-600">Diff</div>
          {diff ? (
            <pre
              aria-label="Diff"
              className="max-h-48 overflow-auto rounded border border-slate-200 bg-white"
            >
              {diff.map((line, i) => (
                <div key={i} className={`px-1.5 whitespace-pre-wrap ${OP_CLASS[line.op]}`}>
                  {line.op} {line.text}
                </div>
              ))}
            </pre>
          ) : (
            <p className="text-slate-500">Too large to diff.</p>
          )}
        </div>
      ) : null}
      <WhatChangedLink keyRef={row} revision={row.revision} />
    </div>
  );
}
