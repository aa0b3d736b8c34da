import { useInfiniteQuery } from "@tanstack/react-query";
import type { TreeResponse } from "@/lib/contract";
import type { FolderRef } from "@/lib/format/key-path";
import { apiFetch } from "./fetcher";
import { kvKeys, pastKeys } from "./keys";
import { useAsOfRevision } from "./time-travel/as-of";

/** Children per `GET /tree` page: the first page's size. */
export const TREE_PAGE_SIZE = 200;

/** The largest page a deep folder grows to (the API allows 10,000). */
export const TREE_PAGE_MAX = 2_000;

/**
 * How many children page `index` (0-based) asks for: 200, 400, 800, 1,600, then 2,000 each.
 * Growing pages let a reveal (or a long scroll) reach row 10,000 in 8 round trips instead of
 * 50. It depends only on the index, so a refetch of N pages asks for the same rows again.
 */
export function treePageLimit(index: number): number {
  return Math.min(TREE_PAGE_MAX, TREE_PAGE_SIZE * 2 ** Math.min(index, 8));
}

/**
 * Variables of {@link getTree}: the folder, page size, the previous page's `next` cursor and,
 * for a past view, the revision to list at.
 */
export type TreeVars = FolderRef & { limit?: number; after?: string; revision?: string };

/**
 * One page of a folder's direct children: `GET /api/v1/tree?prefix=P&limit=N&after=C`
 * (etcd Range, keys-only, skipping past each child's subtree).
 */
export function getTree(vars: TreeVars, signal?: AbortSignal): Promise<TreeResponse> {
  return apiFetch<TreeResponse>("/tree", {
    params: {
      prefix: vars.prefix,
      prefixEncoding: vars.prefixEncoding === "utf8" ? undefined : vars.prefixEncoding,
      limit: vars.limit ?? TREE_PAGE_SIZE,
      after: vars.after,
      revision: vars.revision,
    },
    signal,
  });
}

/** Where a page of {@link useTreeQuery} starts and how many children it asks for. */
type TreePageParam = { after?: string; limit: number };

/**
 * A folder's children as an infinite query: each page's `next` cursor is the following page's
 * `after`, and pages grow ({@link treePageLimit}). Only runs while `enabled` (the folder is
 * expanded). Errors show inline (quiet).
 * In a past view (useAsOfRevision) it lists the folder as of that revision (`revision=R`),
 * cached apart from the live listing (pastKeys) and never refetched by live updates.
 */
export function useTreeQuery(folder: FolderRef, enabled = true) {
  const revision = useAsOfRevision() ?? undefined;
  return useInfiniteQuery({
    queryKey: revision
      ? pastKeys.tree(revision, folder.prefix, folder.prefixEncoding)
      : kvKeys.tree(folder.prefix, folder.prefixEncoding),
    queryFn: ({ pageParam, signal }) => getTree({ ...folder, ...pageParam, revision }, signal),
    staleTime: revision ? Infinity : undefined,
    initialPageParam: { limit: TREE_PAGE_SIZE } as TreePageParam,
    getNextPageParam: (last, all): TreePageParam | undefined =>
      last.more && last.next ? { after: last.next, limit: treePageLimit(all.length) } : undefined,
    enabled,
    meta: { quiet: true },
  });
}
