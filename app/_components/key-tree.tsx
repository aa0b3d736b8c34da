"use client";

import { useMemo, type KeyboardEvent } from "react";
import type { TreeChild } from "@/lib/contract";
import { folderOfKey, ROOT_FOLDER, type FolderRef } from "@/lib/format/key-path";
import { FolderChildren } from "./folder-children";
import { TreeContext, type TreeContextValue } from "./tree-context";
import type { Selection } from "./use-selection";

/**
 * The lazily loaded key tree (`role="tree"`). Starts at the root folder (prefix ""); each open
 * folder loads its own pages from `GET /api/v1/tree`.
 * @prop expanded/toggle  open folders (see useExpanded)
 * @prop selection        highlighted row
 * @prop select           called when a row is activated
 */
export function KeyTree({
  expanded,
  toggle,
  selection,
  select,
}: {
  expanded: ReadonlySet<string>;
  toggle: (folder: FolderRef, open?: boolean) => void;
  selection: Selection;
  select: (s: Selection) => void;
}) {
  const ctx = useMemo<TreeContextValue>(
    () => ({
      expanded,
      toggle,
      selectedId:
        selection.kind === "key"
          ? `k:${selection.ref.keyEncoding}:${selection.ref.key}`
          : selection.kind === "folder"
            ? `f:${selection.folder.prefixEncoding}:${selection.folder.prefix}`
            : null,
      activate: (child: TreeChild, folder: FolderRef | null) => {
        if (folder) toggle(folder);
        if (child.hasValue) select({ kind: "key", ref: child });
        else select({ kind: "folder", folder: folder ?? folderOfKey(child) });
      },
    }),
    [expanded, toggle, selection, select],
  );
  return (
    <TreeContext.Provider value={ctx}>
      <div role="tree" aria-label="Keys" onKeyDown={moveFocus} className="py-1 text-sm">
        <FolderChildren folder={ROOT_FOLDER} level={1} />
      </div>
    </TreeContext.Provider>
  );
}

/** Up/Down/Home/End move focus between visible rows (roving focus over DOM order). */
function moveFocus(e: KeyboardEvent<HTMLDivElement>) {
  if (!["ArrowDown", "ArrowUp", "Home", "End"].includes(e.key)) return;
  const items = Array.from(e.currentTarget.querySelectorAll<HTMLElement>('[role="treeitem"]'));
  const i = items.indexOf(document.activeElement as HTMLElement);
  const next =
    e.key === "Home"
      ? 0
      : e.key === "End"
        ? items.length - 1
        : i + (e.key === "ArrowDown" ? 1 : -1);
  const target = items[Math.max(0, Math.min(items.length - 1, next))];
  if (target) {
    e.preventDefault();
    target.focus();
  }
}
