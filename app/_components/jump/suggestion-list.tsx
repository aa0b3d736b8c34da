"use client";

import { Folder, KeyRound } from "lucide-react";
import { displayKey } from "@/lib/format/display-key";
import type { KeySuggestion } from "./suggestions";

/**
 * The jump-to-key box's suggestions (`role="listbox"`, the popup of a WAI-ARIA combobox; the
 * input keeps focus and points at the highlighted option with `aria-activedescendant`).
 * @prop id           the listbox's DOM id (the input's `aria-controls`)
 * @prop hidden       not shown (nothing typed, nothing found, or closed)
 * @prop suggestions  what to offer, in key order
 * @prop active       index of the highlighted option, -1 for none
 * @prop optionId     DOM id of option `i`
 * @prop onChoose     an option was clicked
 */
export function SuggestionList({
  id,
  hidden,
  suggestions,
  active,
  optionId,
  onChoose,
}: {
  id: string;
  hidden: boolean;
  suggestions: KeySuggestion[];
  active: number;
  optionId: (i: number) => string;
  onChoose: (s: KeySuggestion) => void;
}) {
  return (
    <ul
      id={id}
      role="listbox"
      aria-label="Existing keys"
      hidden={hidden}
      className="absolute top-full right-0 left-0 z-20 mt-1 max-h-72 overflow-auto rounded-md border border-slate-300 bg-white py-1 shadow-lg"
    >
      {suggestions.map((s, i) => (
        <li
          key={`${s.kind}:${s.encoding}:${s.text}`}
          id={optionId(i)}
          role="option"
          aria-selected={i === active}
          // mousedown, not click: the input must not lose focus (and close the list) first.
          onMouseDown={(e) => {
            e.preventDefault();
            onChoose(s);
          }}
          className={`flex cursor-pointer items-center gap-1.5 px-2 py-1 font-mono text-[13px] ${i === active ? "bg-sky-100 text-sky-900" : "hover:bg-slate-100"}`}
        >
          {s.kind === "folder" ? (
            <Folder aria-hidden size={13} className="shrink-0 text-amber-500" />
          ) : (
            <KeyRound aria-hidden size={12} className="shrink-0 text-slate-500" />
          )}
          <span className="truncate">{displayKey(s.text, s.encoding)}</span>
        </li>
      ))}
    </ul>
  );
}
