"use client";

import { ChevronDown, ChevronRight, Folder, KeyRound } from "lucide-react";
import type { KeyboardEvent } from "react";
import { LeaseCountdown } from "@/components/lease-countdown";
import type { TreeChild } from "@/lib/contract";
import { displayKey } from "@/lib/format/display-key";
import { folderId, folderOfKey } from "@/lib/format/key-path";
import { FolderChildren } from "./folder-children";
import { useTreeContext } from "./tree-context";
import { useKeyFlash } from "./use-key-flash";

/** How a child's name reads in the tree: the root's "" child is the leading "/". */
export function childLabel(child: TreeChild, level: number): string {
  if (child.name === "") return level === 1 ? "/" : "(empty)";
  return displayKey(child.name, child.nameEncoding);
}

/**
 * One tree row (`role="treeitem"`, named by the child's name) and, when it is an open folder,
 * its children below it. A child can be both a key and a folder. A key's row flashes briefly
 * when a put to it arrives on the watch stream (a CSS colour transition). A `restricted` row
 * (derived from the etcd user's permissions, not listed) carries a "restricted" badge.
 * @prop level  depth, 1 for the root's children (aria-level)
 */
export function TreeNode({ child, level }: { child: TreeChild; level: number }) {
  const { expanded, toggle, activate, selectedId } = useTreeContext();
  const folder = child.hasChildren ? folderOfKey(child) : null;
  const open = folder ? expanded.has(folderId(folder)) : false;
  const rowId = child.hasValue
    ? `k:${child.keyEncoding}:${child.key}`
    : folder
      ? `f:${folder.prefixEncoding}:${folder.prefix}`
      : "";
  const selected = rowId === selectedId;
  const label = childLabel(child, level);
  const flashing = useKeyFlash(child.hasValue ? child.key : null, child.keyEncoding);

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      activate(child, folder);
    } else if (folder && e.key === "ArrowRight" && !open) toggle(folder, true);
    else if (folder && e.key === "ArrowLeft" && open) toggle(folder, false);
  }

  return (
    <>
      <div
        role="treeitem"
        aria-label={label}
        aria-level={level}
        aria-expanded={folder ? open : undefined}
        aria-selected={selected}
        tabIndex={0}
        onClick={() => activate(child, folder)}
        onKeyDown={onKeyDown}
        title={displayKey(child.key, child.keyEncoding)}
        data-flash={flashing || undefined}
        style={{ paddingLeft: `${(level - 1) * 14 + 6}px` }}
        className={`flex h-7 cursor-pointer items-center gap-1.5 pr-2 font-mono text-[13px] whitespace-nowrap outline-none select-none focus-visible:ring-2 focus-visible:ring-sky-400 focus-visible:ring-inset transition-colors duration-700 ${flashing ? "bg-amber-200" : selected ? "bg-sky-100 text-sky-900" : "hover:bg-slate-100"}`}
      >
        <span aria-hidden="true" className="w-3 shrink-0 text-slate-500">
          {folder ? open ? <ChevronDown size={12} /> : <ChevronRight size={12} /> : null}
        </span>
        {folder ? (
          <Folder aria-hidden size={13} className="shrink-0 text-amber-500" />
        ) : (
          <KeyRound aria-hidden size={12} className="shrink-0 text-slate-500" />
        )}
        <span className="truncate">{label}</span>
        {child.hasValue && folder ? (
          <span className="rounded bg-slate-200 px-1 text-[10px] text-slate-600">key</span>
        ) : null}
        {child.restricted ? (
          <span
            title="etcd doesn't let this user list the folder above; this is the way to keys it may read"
            className="rounded bg-amber-100 px-1 text-[10px] text-amber-800"
          >
            restricted
          </span>
        ) : null}
        {child.lease ? <LeaseCountdown lease={child.lease} watchKey={child} compact /> : null}
      </div>
      {folder && open ? (
        <div role="group">
          <FolderChildren folder={folder} level={level + 1} />
        </div>
      ) : null}
    </>
  );
}
