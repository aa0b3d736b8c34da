"use client";

import { createContext, useContext, type ReactNode } from "react";
import type { TreeChild } from "@/lib/contract";
import type { FolderRef } from "@/lib/format/key-path";
import type { RevealTarget } from "./reveal";

/** What the tree's keyboard handler can do to one row (registered by the row while mounted). */
export type TreeRowActions = {
  /** Enter: what a click does (select the key, or open and select the folder). */
  activate: () => void;
  /** Right/Left on a folder row: open (`true`) or close (`false`) it; absent on a plain key. */
  expand?: (open: boolean) => void;
};

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
  /** Ids (same form) of the multi-selected rows (app/_components/selection/). */
  markedIds: ReadonlySet<string>;
  /**
   * Ctrl/⌘-click (`toggle`) or Shift-click (`range`: every visible row from the anchor) on the
   * row with this DOM id.
   */
  markRow: (domId: string, how: "toggle" | "range") => void;
  /** DOM id of the keyboard-active row (the tree's `aria-activedescendant`), null when none. */
  activeRowId: string | null;
  /** Make a row (by DOM id) the keyboard-active one, e.g. after a click on it. */
  setActiveRow: (domId: string) => void;
  /** Register a mounted row's actions under its DOM id; returns the unregister function. */
  registerRow: (domId: string, actions: TreeRowActions) => () => void;
  /** DOM id for a child's row, unique within this tree (see {@link treeRowDomId}). */
  rowDomId: (child: TreeChild) => string;
  /**
   * Renders one row (a TreeNode) at 1-based `position` of `setSize` siblings (-1: unknown yet). Passed down rather than imported, so the folder and list
   * components don't import TreeNode, which imports them (no import cycle).
   */
  renderRow: (child: TreeChild, level: number, position: number, setSize: number) => ReactNode;
  /** The selected row to page to and scroll into view (see revealTarget), null when none. */
  reveal: RevealTarget | null;
  /** Whether `target` was already revealed (scrolled to once; later scrolling is the user's). */
  isRevealed: (target: RevealTarget) => boolean;
  /** The target's row (DOM id) is rendered: make it the active row, scroll it into view. */
  revealRow: (domId: string, target: RevealTarget) => void;
  /** Renders an open folder's children (a FolderChildren), for TreeNode; same reason. */
  renderFolder: (folder: FolderRef, level: number) => ReactNode;
};

/**
 * A DOM id for a child's row: `treeId` (React useId of the tree) + its key. Keys are arbitrary
 * bytes; utf8 keys are well-formed text, so encodeURIComponent never throws and the id has no
 * whitespace (which HTML ids must not contain).
 */
export function treeRowDomId(treeId: string, child: TreeChild): string {
  return `${treeId}-${child.keyEncoding}-${encodeURIComponent(child.key)}`;
}

/** Provided by KeyTree. */
export const TreeContext = createContext<TreeContextValue | null>(null);

/** The tree's context; throws outside a KeyTree. */
export function useTreeContext(): TreeContextValue {
  const ctx = useContext(TreeContext);
  if (!ctx) throw new Error("useTreeContext outside KeyTree");
  return ctx;
}
