"use client";

import { ChevronDown, ChevronRight, Folder, KeyRound } from "lucide-react";
import { useEffect, useMemo } from "react";
import { LeaseCountdown } from "@/components/lease-countdown";
import type { TreeChild } from "@/lib/contract";
import { displayKey } from "@/lib/format/display-key";
import { folderId, folderOfKey } from "@/lib/format/key-path";
import { useAsOfRevision } from "@/lib/query/time-travel/as-of";
import { KindBadge } from "../kubernetes/kind-badge";
import { useTreeContext } from "./tree-context";
import { useKeyFlash } from "./use-key-flash";
import { useFolderCount } from "../space/space-counts";

/** How a child's name reads in the tree: the root's "" child is the leading "/". */
export function childLabel(child: TreeChild, level: number): string {
  if (child.name === "") return level === 1 ? "/" : "(empty)";
  return displayKey(child.name, child.nameEncoding);
}

/**
 * One tree row (`role="treeitem"`, named by the child's name) and, when it is an open folder,
 * its children below it. A child can be both a key and a folder. A key's row flashes briefly
 * when a put to it arrives on the watch stream (a CSS colour transition). A `restricted` row
 * (derived from the etcd user's permissions, not listed) carries a "restricted" badge. A folder
 * that "Analyze space" has counted shows its key count, subtly (the revision in its title).
 * Ctrl/⌘-click and Shift-click multi-select the row instead of opening it (KeyTree).
 * Rows are not Tab stops: the tree container holds focus and names the keyboard-active row
 * with `aria-activedescendant` (see KeyTree); the row registers what Enter and Right/Left do.
 * @prop child  the row's key or folder, as `GET /api/v1/tree` listed it
 * @prop level     depth, 1 for the root's children (aria-level)
 * @prop position  1-based place among its siblings (aria-posinset)
 * @prop setSize   how many siblings (aria-setsize); -1 while the folder has unloaded pages
 */
export function TreeNode({
  child,
  level,
  position,
  setSize,
}: {
  child: TreeChild;
  level: number;
  position: number;
  setSize: number;
}) {
  const ctx = useTreeContext();
  // In a past view a lease shown is the one the key had then: no live countdown for it.
  const past = useAsOfRevision() !== null;
  const { expanded, toggle, activate, selectedId, activeRowId, setActiveRow, registerRow } = ctx;
  const folder = useMemo(() => (child.hasChildren ? folderOfKey(child) : null), [child]);
  const open = folder ? expanded.has(folderId(folder)) : false;
  const rowId = child.hasValue
    ? `k:${child.keyEncoding}:${child.key}`
    : folder
      ? `f:${folder.prefixEncoding}:${folder.prefix}`
      : "";
  const selected = rowId === selectedId;
  const marked = ctx.markedIds.has(rowId);
  const label = childLabel(child, level);
  const counted = useFolderCount(folder);
  const flashing = useKeyFlash(child.hasValue ? child.key : null, child.keyEncoding);

  const domId = ctx.rowDomId(child);
  const active = domId === activeRowId;

  useEffect(
    () =>
      registerRow(domId, {
        activate: () => activate(child, folder),
        expand: folder ? (open) => toggle(folder, open) : undefined,
      }),
    [registerRow, domId, activate, child, folder, toggle],
  );

  return (
    <>
      <div
        id={domId}
        role="treeitem"
        aria-label={label}
        aria-level={level}
        aria-posinset={position}
        aria-setsize={setSize}
        aria-expanded={folder ? open : undefined}
        aria-selected={selected || marked}
        data-sel-id={rowId || undefined}
        data-marked={marked || undefined}
        onClick={(e) => {
          setActiveRow(domId);
          if (rowId && (e.ctrlKey || e.metaKey)) ctx.markRow(domId, "toggle");
          else if (rowId && e.shiftKey) ctx.markRow(domId, "range");
          else activate(child, folder);
        }}
        title={displayKey(child.key, child.keyEncoding)}
        data-flash={flashing || undefined}
        data-active={active || undefined}
        style={{ paddingLeft: `${(level - 1) * 14 + 6}px` }}
        className={`flex h-7 cursor-pointer items-center gap-1.5 pr-2 font-mono text-[13px] whitespace-nowrap select-none group-focus-visible:data-active:ring-2 group-focus-visible:data-active:ring-sky-400 group-focus-visible:data-active:ring-inset transition-colors duration-700 ${flashing ? "bg-amber-200" : marked ? "bg-sky-200 text-sky-950" : selected ? "bg-sky-100 text-sky-900" : "hover:bg-slate-100"}`}
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
        <KindBadge child={child} />
        {child.hasValue && folder ? (
          <span className="rounded bg-slate-200 px-1 text-[10px] text-slate-600">key</span>
        ) : null}
        {counted ? (
          <span
            title={`${counted.keys} keys below, counted at revision ${counted.revision} (Analyze space)`}
            className="text-[10px] text-slate-500 tabular-nums"
          >
            {Number(counted.keys).toLocaleString("en-US")}
          </span>
        ) : null}
        {child.restricted ? (
          <span
            title="etcd doesn't let this user list the folder above; this is the way to keys it may read"
            className="rounded bg-amber-100 px-1 text-[10px] text-amber-800"
          >
            restricted
          </span>
        ) : null}
        {child.lease && !past ? (
          <LeaseCountdown lease={child.lease} watchKey={child} compact />
        ) : null}
      </div>
      {folder && open ? <div role="group">{ctx.renderFolder(folder, level + 1)}</div> : null}
    </>
  );
}
