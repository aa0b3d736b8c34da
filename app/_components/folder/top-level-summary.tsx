"use client";

import type { TreeChild } from "@/lib/contract";
import { displayKey } from "@/lib/format/display-key";
import { folderOfKey, type FolderRef } from "@/lib/format/key-path";
import { useCountQuery } from "@/lib/query/use-count-query";
import { useTreeQuery } from "@/lib/query/use-tree-query";

/** How many top-level entries are listed by name (the rest are summed up as "and N more"). */
export const TOP_LEVEL_SHOWN = 10;

/**
 * What deleting a root-like folder takes with it: its first {@link TOP_LEVEL_SHOWN} direct
 * children (folders as `name/`, keys by name) each with its key count, then "and N more" for
 * the rest. Reuses the tree's own query (`GET /api/v1/tree?prefix=P`, first page of 200
 * children; shares the tree's cache) and one `GET /api/v1/range?prefix=C&countOnly=1` (etcd
 * Range, count_only) per listed folder. "N+" means the folder has more than the loaded pages.
 * @prop folder  the folder being deleted (the root "" or "/")
 */
export function TopLevelSummary({ folder }: { folder: FolderRef }) {
  const tree = useTreeQuery(folder);
  if (tree.isPending) return <p className="mt-3 text-sm text-slate-500">Listing what is in it…</p>;
  if (tree.isError) {
    return (
      <p className="mt-3 text-sm text-rose-700">
        Could not list the top-level folders: {tree.error.message}
      </p>
    );
  }
  const children = tree.data.pages.flatMap((p) => p.children);
  const more = tree.data.pages.at(-1)?.more ?? false;
  const rest = Math.max(0, children.length - TOP_LEVEL_SHOWN);
  if (children.length === 0) return <p className="mt-3 text-sm text-slate-600">It is empty.</p>;
  return (
    <div className="mt-3 text-sm">
      <p className="font-medium">Top-level folders and keys that will go:</p>
      <ul
        aria-label="Top-level folders and keys that will be deleted"
        className="mt-1 flex flex-col gap-0.5 rounded bg-slate-100 px-2 py-1 font-mono"
      >
        {children.slice(0, TOP_LEVEL_SHOWN).map((child) => (
          <TopLevelEntry key={`${child.keyEncoding}:${child.key}`} child={child} />
        ))}
      </ul>
      {rest > 0 || more ? (
        <p className="mt-1 text-slate-600">
          …and {rest}
          {more ? "+" : ""} more top-level {rest === 1 && !more ? "entry" : "entries"}.
        </p>
      ) : null}
    </div>
  );
}

/**
 * One listed child: a folder's path (`/config/`) with the number of keys below it, plus one
 * when the child is also a key itself; a plain key counts as 1 without a request.
 */
function TopLevelEntry({ child }: { child: TreeChild }) {
  const below = child.hasChildren ? folderOfKey(child) : null;
  const count = useCountQuery(below ?? { prefix: "", prefixEncoding: "utf8" }, below !== null);
  const name = below
    ? displayKey(below.prefix, below.prefixEncoding)
    : displayKey(child.key, child.keyEncoding);
  const own = child.hasValue ? 1n : 0n;
  const text = !below
    ? "1 key"
    : count.isPending
      ? "counting…"
      : count.isError
        ? "count unavailable"
        : keysText(BigInt(count.data) + own);
  return (
    <li className="flex justify-between gap-3">
      <span className="min-w-0 break-all">{name}</span>
      <span className="shrink-0 text-slate-600">{text}</span>
    </li>
  );
}

/** "1 key" / "1,234 keys" (count is a bigint: counts never pass through a JS number). */
function keysText(n: bigint): string {
  return `${n.toLocaleString("en-US")} ${n === 1n ? "key" : "keys"}`;
}
