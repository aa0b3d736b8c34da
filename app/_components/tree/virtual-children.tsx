"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef } from "react";
import type { TreeChild } from "@/lib/contract";
import { useTreeContext } from "./tree-context";
import { VIRTUAL_BOX_ATTR } from "./tree-navigation";

/** Height of one tree row in pixels (matches TreeNode's h-7). */
const ROW_PX = 28;

/**
 * A long folder's children in their own bounded scroll box, virtualized: only the rows in view
 * are in the DOM, so a folder with 10k children scrolls smoothly. Rows are measured, so an open
 * sub-folder inside the list grows its row. Scrolling to the end loads the next page (so the
 * tree's keyboard navigation, which scrolls the active row into view, pages in too).
 * @prop items               children loaded so far (all pages)
 * @prop level               aria-level of the rows
 * @prop hasNextPage         the folder has more children than loaded
 * @prop isFetchingNextPage  a next page is on its way
 * @prop fetchNextPage       load the next page (`after` = the last page's cursor)
 * @prop revealIndex         a row to scroll to once (the selection, revealed), -1 for none
 * @prop onRevealed          called once that row is drawn (to make it active and show it)
 */
export function VirtualChildren({
  items,
  level,
  hasNextPage,
  isFetchingNextPage,
  fetchNextPage,
  revealIndex,
  onRevealed,
}: {
  items: TreeChild[];
  level: number;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
  revealIndex: number;
  onRevealed: () => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const { renderRow } = useTreeContext();
  const count = items.length + (hasNextPage ? 1 : 0);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual is not memoizable
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_PX,
    overscan: 12,
    getItemKey: (i) => (i < items.length ? `${items[i].keyEncoding}:${items[i].key}` : "more"),
  });
  const virtualItems = virtualizer.getVirtualItems();
  const last = virtualItems.at(-1)?.index ?? 0;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && last >= items.length - 1) fetchNextPage();
  }, [last, items.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  const revealedRef = useRef(onRevealed);
  revealedRef.current = onRevealed;
  useEffect(() => {
    if (revealIndex < 0) return;
    // A far row is not drawn: centre the list on it first (a row in view, e.g. one just
    // clicked, stays put), then let the tree finish once it is drawn.
    const range = virtualizer.range;
    if (!range || revealIndex < range.startIndex || revealIndex > range.endIndex) {
      virtualizer.scrollToIndex(revealIndex, { align: "center" });
    }
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => revealedRef.current());
    });
    return () => cancelAnimationFrame(frame);
  }, [revealIndex, virtualizer]);

  return (
    <div
      ref={scrollRef}
      data-testid="virtual-folder"
      {...{ [VIRTUAL_BOX_ATTR]: "" }}
      // Not a Tab stop of its own (Chrome makes scrollers without focusable rows one): the tree
      // is the one Tab stop and its arrow keys scroll this box.
      tabIndex={-1}
      className="max-h-[60vh] overflow-auto border-y border-slate-200 bg-white/60"
    >
      <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
        {virtualItems.map((v) => (
          <div
            key={v.key}
            data-index={v.index}
            ref={virtualizer.measureElement}
            style={{
              position: "absolute",
              top: 0,
              left: 0,
              right: 0,
              transform: `translateY(${v.start}px)`,
            }}
          >
            {v.index < items.length ? (
              renderRow(items[v.index], level, v.index + 1, hasNextPage ? -1 : items.length)
            ) : (
              <button
                type="button"
                onClick={fetchNextPage}
                // Keyboard users page in by moving down (see above); not an extra Tab stop.
                tabIndex={-1}
                style={{ paddingLeft: `${(level - 1) * 14 + 24}px` }}
                className="h-7 w-full text-left text-xs text-sky-700 hover:underline"
              >
                {isFetchingNextPage ? "Loading more…" : "Load more"}
              </button>
            )}
          </div>
        ))}
      </div>
    </div>
  );
}
