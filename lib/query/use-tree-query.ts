import { useInfiniteQuery } from "@tanstack/react-query";
import type { TreeResponse } from "@/lib/contract";
import type { FolderRef } from "@/lib/format/key-path";
import { apiFetch } from "./fetcher";
import { kvKeys } from "./keys";

/** Children per `GET /tree` page. */
export const TREE_PAGE_SIZE = 200;

/** Variables of {@link getTree}: the folder, page size and the previous page's `next` cursor. */
export type TreeVars = FolderRef & { limit?: number; after?: string };

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
    },
    signal,
  });
}

/**
 * A folder's children as an infinite query: each page's `next` cursor is the following page's
 * `after`. Only runs while `enabled` (the folder is expanded). Errors show inline (quiet).
 */
export function useTreeQuery(folder: FolderRef, enabled = true) {
  return useInfiniteQuery({
    queryKey: kvKeys.tree(folder.prefix, folder.prefixEncoding),
    queryFn: ({ pageParam, signal }) => getTree({ ...folder, after: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last.more && last.next ? last.next : undefined),
    enabled,
    meta: { quiet: true },
  });
}
