"use client";

import { useState } from "react";
import { displayKey } from "@/lib/format/display-key";
import type { KeyChange } from "@/lib/query/time-travel/types";
import { VersionDiff } from "../history/version-diff";

const CHANGE_CLASS = {
  created: "bg-emerald-100 text-emerald-900",
  updated: "bg-sky-100 text-sky-900",
  deleted: "bg-rose-100 text-rose-900",
} as const;

/**
 * One changed key in the "What changed" view: a tick box (deleted keys only, for "Restore"),
 * the change (created / updated / deleted), the key (opens it), its mod revisions at both ends,
 * and a "Diff" toggle showing the value at `from` against the value at `to` (VersionDiff).
 * @prop change       the key's net change between the two revisions
 * @prop fromLabel    names the older end, e.g. "revision 12"
 * @prop toLabel      names the newer end
 * @prop selectable   show the tick box (a deleted key, writes allowed)
 * @prop selected     ticked for restore
 * @prop onSelectKey  tick or untick it
 * @prop onOpen       open the key in the key pane
 */
export function ChangeRow({
  change,
  fromLabel,
  toLabel,
  selectable,
  selected,
  onSelectKey,
  onOpen,
}: {
  change: KeyChange;
  fromLabel: string;
  toLabel: string;
  selectable: boolean;
  selected: boolean;
  onSelectKey: () => void;
  onOpen: () => void;
}) {
  const [open, setOpen] = useState(false);
  const shown = displayKey(change.key, change.keyEncoding);
  return (
    <li aria-label={`${change.change} ${shown}`} className="border-t border-slate-100 py-1">
      <div className="flex items-center gap-2 text-xs">
        <span className="w-4">
          {selectable ? (
            <input
              type="checkbox"
              aria-label={`Select ${shown} to restore`}
              checked={selected}
              onChange={onSelectKey}
            />
          ) : null}
        </span>
        <span className={`w-16 shrink-0 rounded px-1 text-center ${CHANGE_CLASS[change.change]}`}>
          {change.change}
        </span>
        <button
          type="button"
          onClick={onOpen}
          className="min-w-0 flex-1 truncate text-left font-mono text-sky-900 hover:underline"
          title={shown}
        >
          {shown}
        </button>
        <span className="shrink-0 font-mono text-slate-600">
          {change.before ? `rev ${change.before.modRevision}` : "—"} →{" "}
          {change.after ? `rev ${change.after.modRevision}` : "gone"}
        </span>
        <button
          type="button"
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
          className="shrink-0 rounded px-1.5 text-sky-800 underline hover:bg-sky-50"
        >
          Diff
        </button>
      </div>
      {open ? (
        <div className="mt-2 pl-6">
          <VersionDiff
            before={change.before ?? null}
            after={change.after ?? null}
            beforeLabel={change.before ? fromLabel : `${fromLabel} (absent)`}
            afterLabel={change.after ? toLabel : `${toLabel} (deleted)`}
          />
        </div>
      ) : null}
    </li>
  );
}
