"use client";

import { Folder } from "lucide-react";
import type { SearchMatchEvent } from "@/lib/contract";
import { displayKey } from "@/lib/format/display-key";
import type { KeyRef } from "@/lib/format/key-path";
import type { ResultGroup } from "./search-results-model";

/**
 * Search matches grouped by folder: a folder heading with its match count, then one button per
 * key (its full key as title), and for a value match the excerpt with the match highlighted.
 * @prop groups  the matches grouped by groupByFolder
 * @prop onOpen  a result was chosen: open the key (the tree reveals and selects it)
 */
export function SearchResults({
  groups,
  onOpen,
}: {
  groups: ResultGroup[];
  onOpen: (ref: KeyRef) => void;
}) {
  return (
    <ul aria-label="Search results" className="flex flex-col gap-2">
      {groups.map((g) => (
        <li key={`${g.folder.prefixEncoding}:${g.folder.prefix}`}>
          <p className="flex items-center gap-1 font-mono text-xs text-slate-600">
            <Folder aria-hidden size={12} className="text-amber-500" />
            {g.folder.prefix === ""
              ? "(root)"
              : displayKey(g.folder.prefix, g.folder.prefixEncoding)}
            <span className="text-slate-500">· {g.matches.length}</span>
          </p>
          <ul className="mt-0.5 flex flex-col">
            {g.matches.map((m) => (
              <li key={`${m.keyEncoding}:${m.key}`}>
                <ResultRow match={m} folderLength={g.folder.prefix.length} onOpen={onOpen} />
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

function ResultRow({
  match,
  folderLength,
  onOpen,
}: {
  match: SearchMatchEvent;
  folderLength: number;
  onOpen: (ref: KeyRef) => void;
}) {
  const full = displayKey(match.key, match.keyEncoding);
  // The name within its folder (a binary key is shown whole: its base64 has no folder part).
  const name =
    match.keyEncoding === "utf8" ? displayKey(match.key.slice(folderLength), "utf8") : full;
  return (
    <button
      type="button"
      title={full}
      aria-label={`Open ${full}`}
      onClick={() => onOpen({ key: match.key, keyEncoding: match.keyEncoding })}
      className="flex w-full flex-col rounded px-2 py-0.5 text-left hover:bg-sky-50 focus-visible:outline-2 focus-visible:outline-sky-500"
    >
      <span className="truncate font-mono text-[13px]">{name || "(empty name)"}</span>
      {match.excerpt ? (
        <span className="truncate font-mono text-xs text-slate-600">
          {match.excerpt.before}
          <mark className="rounded bg-amber-200 px-0.5 text-slate-900">{match.excerpt.match}</mark>
          {match.excerpt.after}
        </span>
      ) : null}
    </button>
  );
}
