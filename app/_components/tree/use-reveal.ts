"use client";

import { useEffect } from "react";
import type { TreeChild } from "@/lib/contract";
import { folderId, type FolderRef } from "@/lib/format/key-path";
import { isTargetRow, targetIsFurther } from "./reveal";
import { useTreeContext } from "./tree-context";

/** What {@link useRevealInFolder} needs of a folder's infinite tree query. */
type PagedFolder = {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isError: boolean;
  fetchNextPage: () => unknown;
};

/**
 * Reveal in one open folder: when the tree's reveal target (the selected key or folder) is a
 * child of `folder` but not among the rows loaded yet, load the next page, and again, until the
 * row is loaded or the last row loaded sorts after it (the key does not exist). Each page is one
 * `GET /api/v1/tree` (pages grow to 2,000 rows: 10,000 children take 8 requests).
 * @param folder    the open folder
 * @param children  its rows loaded so far (all pages)
 * @param q         its tree query
 * @returns `index`: the target's row among `children` (-1: not here, or not loaded yet);
 *   `seeking`: pages are being loaded to find it; `pending`: the row is loaded but not yet
 *   scrolled to (the caller scrolls and calls the context's `revealed`).
 */
export function useRevealInFolder(folder: FolderRef, children: TreeChild[], q: PagedFolder) {
  const { reveal, isRevealed } = useTreeContext();
  const mine = reveal && folderId(reveal.folder) === folderId(folder) ? reveal : null;
  const index = mine ? children.findIndex((c) => isTargetRow(c, mine)) : -1;
  const seeking =
    mine !== null &&
    index < 0 &&
    q.hasNextPage &&
    !q.isError &&
    !isRevealed(mine) &&
    targetIsFurther(children.at(-1), mine);
  const { isFetchingNextPage, fetchNextPage } = q;

  useEffect(() => {
    if (seeking && !isFetchingNextPage) void fetchNextPage();
  }, [seeking, isFetchingNextPage, fetchNextPage]);

  return { index, seeking, pending: mine !== null && index >= 0 && !isRevealed(mine) };
}
