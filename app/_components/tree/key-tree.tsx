"use client";

import { useCallback, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { TreeChild } from "@/lib/contract";
import { folderOfKey, ROOT_FOLDER, type FolderRef } from "@/lib/format/key-path";
import { FolderChildren } from "./folder-children";
import { isTargetRow, revealTarget, type RevealTarget } from "./reveal";
import {
  TreeContext,
  treeRowDomId,
  type TreeContextValue,
  type TreeRowActions,
} from "./tree-context";
import { edgeRow, firstChildRow, parentRow, treeRows, typeaheadRow } from "./tree-navigation";
import { TreeNode } from "./tree-node";
import type { Selection } from "../use-selection";
import type { Marked } from "../selection/use-marked";

/** The empty multi-selection, when the tree has none. */
const NO_MARKS: ReadonlySet<string> = new Set();

/** Type-ahead forgets what was typed after this pause (ms). */
const TYPEAHEAD_RESET_MS = 700;

/**
 * The lazily loaded key tree (`role="tree"`, the WAI-ARIA tree pattern). Starts at the root
 * folder (prefix ""); each open folder loads its own pages from `GET /api/v1/tree`.
 *
 * Keyboard: the tree is one Tab stop (the container keeps focus; `aria-activedescendant` names
 * the active row, so it works with virtualized lists whose rows come and go). Up/Down move,
 * Right opens a folder or goes to its first child, Left closes it or goes to the parent,
 * Home/End go to the first/last row, typing a name's first letters jumps to it, Enter does what
 * a click does.
 *
 * Multi-select (`aria-multiselectable`, the WAI-ARIA multi-select tree): Ctrl/⌘-click or Space
 * toggles a row, Shift-click or Shift+Up/Down selects every visible row from the anchor, Ctrl+A
 * every visible row, Escape clears. Selected rows have `aria-selected="true"` (as has the
 * opened row).
 * @prop expanded/toggle  open folders (see useExpanded)
 * @prop selection        highlighted row
 * @prop select           called when a row is activated
 * @prop marked           the multi-selection (useMarked); absent: no multi-select
 */
export function KeyTree({
  expanded,
  toggle,
  selection,
  select,
  marked,
}: {
  expanded: ReadonlySet<string>;
  toggle: (folder: FolderRef, open?: boolean) => void;
  selection: Selection;
  select: (s: Selection) => void;
  marked?: Marked;
}) {
  const treeRef = useRef<HTMLDivElement>(null);
  const treeId = useId();
  const [activeRowId, setActiveRowState] = useState<string | null>(null);
  // The same, current before React re-renders: held-down or fast keys each move one row on.
  const activeRef = useRef<string | null>(null);
  const setActiveRow = useCallback((domId: string) => {
    activeRef.current = domId;
    setActiveRowState(domId);
  }, []);
  const rowActions = useRef(new Map<string, TreeRowActions>());
  const typed = useRef({ text: "", at: 0 });
  // A new object on every selection change: each jump is revealed once, even to the same row.
  const reveal = useMemo(() => revealTarget(selection), [selection]);
  const revealed = useRef<RevealTarget | null>(null);
  // The row last activated in the tree itself (click, Enter): its selection arrives a moment
  // later (through the URL), when the keyboard may already have moved on, so it is not revealed
  // again — that would pull the active row back to it.
  const activatedHere = useRef<TreeChild | null>(null);
  // The selection id of the row last opened in the tree, and the selection before it (while
  // selectedId still equals `before`, the click's selection has not arrived yet).
  const openedHere = useRef<{ id: string; before: string | null } | null>(null);
  const isRevealed = useCallback((t: RevealTarget) => revealed.current === t, []);
  const revealRow = useCallback(
    (domId: string, t: RevealTarget) => {
      revealed.current = t;
      const here = activatedHere.current;
      activatedHere.current = null;
      if (here && isTargetRow(here, t)) return;
      setActiveRow(domId);
      // After the virtualizer has drawn the row: scroll every box on the way (the side pane's
      // own scroll too) just enough to show it; a row already in view does not move.
      requestAnimationFrame(() =>
        document.getElementById(domId)?.scrollIntoView({ block: "nearest" }),
      );
    },
    [setActiveRow],
  );

  const registerRow = useCallback((domId: string, actions: TreeRowActions) => {
    rowActions.current.set(domId, actions);
    return () => {
      if (rowActions.current.get(domId) === actions) rowActions.current.delete(domId);
    };
  }, []);

  const selectedId =
    selection.kind === "key"
      ? `k:${selection.ref.keyEncoding}:${selection.ref.key}`
      : selection.kind === "folder"
        ? `f:${selection.folder.prefixEncoding}:${selection.folder.prefix}`
        : null;

  const markRow = useCallback(
    (domId: string, how: "toggle" | "range") => {
      const tree = treeRef.current;
      const row = document.getElementById(domId);
      const id = row?.dataset.selId;
      if (!marked || !tree || !row || !id) return;
      // The row opened last: a click's selection reaches selectedId only after the URL
      // changed, and a Ctrl-click right after must start from the row just clicked.
      const here = openedHere.current;
      const openedId = here && here.before === selectedId ? here.id : selectedId;
      if (how === "toggle") return marked.toggle(id, domId, openedId);
      const rows = treeRows(tree).filter((r) => r.dataset.selId);
      const opened = rows.find((r) => r.dataset.selId === openedId);
      const anchor = marked.anchorNow() ?? opened?.id ?? domId;
      const from = rows.findIndex((r) => r.id === anchor);
      const to = rows.indexOf(row);
      const [a, b] = from < 0 ? [to, to] : [Math.min(from, to), Math.max(from, to)];
      marked.replace(
        rows.slice(a, b + 1).map((r) => r.dataset.selId!),
        anchor,
      );
    },
    [marked, selectedId],
  );

  const ctx = useMemo<TreeContextValue>(
    () => ({
      expanded,
      toggle,
      selectedId,
      markedIds: marked?.ids ?? NO_MARKS,
      markRow,
      activate: (child: TreeChild, folder: FolderRef | null) => {
        activatedHere.current = child;
        const f = folder ?? folderOfKey(child);
        openedHere.current = {
          id: child.hasValue
            ? `k:${child.keyEncoding}:${child.key}`
            : `f:${f.prefixEncoding}:${f.prefix}`,
          before: selectedId,
        };
        // A plain click starts over, as in file managers: the multi-selection goes.
        if (marked?.ids.size) marked.clear();
        if (folder) toggle(folder);
        if (child.hasValue) select({ kind: "key", ref: child });
        else select({ kind: "folder", folder: folder ?? folderOfKey(child) });
      },
      activeRowId,
      setActiveRow,
      registerRow,
      rowDomId: (child) => treeRowDomId(treeId, child),
      renderRow: (child, level, position, setSize) => (
        <TreeNode
          key={`${child.keyEncoding}:${child.key}`}
          child={child}
          level={level}
          position={position}
          setSize={setSize}
        />
      ),
      renderFolder: (folder, level) => <FolderChildren folder={folder} level={level} />,
      reveal,
      isRevealed,
      revealRow,
    }),
    [
      expanded,
      toggle,
      selectedId,
      marked,
      markRow,
      select,
      activeRowId,
      setActiveRow,
      registerRow,
      treeId,
      reveal,
      isRevealed,
      revealRow,
    ],
  );

  /** The active row if it is still rendered, else the selected row, else the first row. */
  function currentRow(tree: HTMLElement): HTMLElement | null {
    const active = activeRef.current ? document.getElementById(activeRef.current) : null;
    if (active && tree.contains(active)) return active;
    return (
      tree.querySelector<HTMLElement>('[role="treeitem"][aria-selected="true"]') ??
      treeRows(tree)[0] ??
      null
    );
  }

  function moveTo(row: HTMLElement | null) {
    if (!row) return;
    setActiveRow(row.id);
    row.scrollIntoView({ block: "nearest" });
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const tree = e.currentTarget;
    // Keys typed into something inside the tree (a Retry button) are not tree navigation.
    if (e.target !== tree) return;
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "a" && marked) {
      const ids = treeRows(tree).flatMap((r) => (r.dataset.selId ? [r.dataset.selId] : []));
      marked.replace(ids, marked.anchorNow() ?? activeRef.current ?? "");
      e.preventDefault();
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const rows = treeRows(tree);
    const row = currentRow(tree);
    if (!row) return;
    if (marked && e.shiftKey && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
      const next =
        e.key === "ArrowDown" ? rows[rows.indexOf(row) + 1] : rows[rows.indexOf(row) - 1];
      // The range starts at the row the keyboard was on when Shift was first used.
      if (!marked.anchorNow() && row.dataset.selId) marked.toggle(row.dataset.selId, row.id);
      if (next) {
        moveTo(next);
        const anchor = marked.anchorNow();
        if (anchor) markRange(tree, anchor, next);
        else markRow(next.id, "range");
      }
      e.preventDefault();
      return;
    }
    if (e.key === "Escape" && marked && marked.ids.size > 0) {
      marked.clear();
      e.preventDefault();
      return;
    }
    const i = rows.indexOf(row);
    const actions = rowActions.current.get(row.id);
    const open = row.getAttribute("aria-expanded") === "true";
    let handled = true;
    switch (e.key) {
      case "ArrowDown":
        moveTo(row.id === activeRef.current ? (rows[i + 1] ?? row) : row);
        break;
      case "ArrowUp":
        moveTo(row.id === activeRef.current ? (rows[i - 1] ?? row) : row);
        break;
      case "ArrowRight":
        if (!actions?.expand) break;
        if (open) void firstChildRow(tree, row).then(moveTo);
        else {
          actions.expand(true);
          moveTo(row);
        }
        break;
      case "ArrowLeft":
        if (open && actions?.expand) {
          actions.expand(false);
          moveTo(row);
        } else moveTo(parentRow(rows, row) ?? row);
        break;
      case "Home":
      case "End":
        void edgeRow(tree, e.key === "Home" ? "first" : "last").then(moveTo);
        break;
      case "Enter":
        moveTo(row);
        actions?.activate();
        break;
      case " ":
        moveTo(row);
        if (marked) markRow(row.id, "toggle");
        else actions?.activate();
        break;
      default:
        handled = typeahead(e.key, rows, row);
    }
    if (handled) e.preventDefault();
  }

  /** Select every visible row from the anchor's row to `to` (Shift+Up/Down). */
  function markRange(tree: HTMLElement, anchor: string, to: HTMLElement) {
    const rows = treeRows(tree).filter((r) => r.dataset.selId);
    const a = rows.findIndex((r) => r.id === anchor);
    const b = rows.indexOf(to);
    if (a < 0 || b < 0 || !marked) return;
    const ids = rows.slice(Math.min(a, b), Math.max(a, b) + 1).map((r) => r.dataset.selId!);
    marked.replace(ids, anchor);
  }

  /** Printable characters jump to the next row whose name starts with what was typed. */
  function typeahead(key: string, rows: HTMLElement[], row: HTMLElement): boolean {
    // "?" and "/" are left to the page's shortcuts (a row's name never contains "/").
    if ([...key].length !== 1 || key === "?" || key === "/" || key === " ") return false;
    const now = Date.now();
    const text = now - typed.current.at > TYPEAHEAD_RESET_MS ? key : typed.current.text + key;
    typed.current = { text, at: now };
    moveTo(typeaheadRow(rows, activeRef.current ? row : null, text));
    return true;
  }

  return (
    <TreeContext.Provider value={ctx}>
      <div
        ref={treeRef}
        role="tree"
        aria-label="Keys"
        aria-multiselectable={marked ? true : undefined}
        tabIndex={0}
        aria-activedescendant={activeRowId ?? undefined}
        onKeyDown={onKeyDown}
        onFocus={(e) => {
          // Tabbing in: the active row (or the selected one, or the first) gets the focus ring.
          if (e.target !== e.currentTarget) return;
          const row = currentRow(e.currentTarget);
          if (row && row.id !== activeRef.current) setActiveRow(row.id);
        }}
        className="group py-1 text-sm outline-none"
      >
        <FolderChildren folder={ROOT_FOLDER} level={1} />
      </div>
    </TreeContext.Provider>
  );
}
