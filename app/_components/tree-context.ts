"use client";

import { createContext, useContext } from "react";
import type { TreeChild } from "@/lib/contract";
import type { FolderRef } from "@/lib/format/key-path";

/** What every tree node needs from the explorer. */
export type TreeContextValue = {
  /** Open folders, by folderId. */
  expanded: ReadonlySet<string>;
  /** Open (`true`), close (`false`) or toggle (undefined) a folder. */
  toggle: (folder: FolderRef, open?: boolean) => void;
  /** A row was clicked: select its key (or its folder when it has no value). */
  activate: (child: TreeChild, folder: FolderRef | null) => void;
  /** Id of the selected row (`k:<enc>:<key>` or `f:<enc>:<prefix>`), null when none. */
  selectedId: string | null;
};

/** Provided by KeyTree. */
export const TreeContext = createContext<TreeContextValue | null>(null);

/** The tree's context; throws outside a KeyTree. */
export function useTreeContext(): TreeContextValue {
  const ctx = useContext(TreeContext);
  if (!ctx) throw new Error("useTreeContext outside KeyTree");
  return ctx;
}
