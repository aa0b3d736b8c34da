import { useInfiniteQuery } from "@tanstack/react-query";
import type { TreeResponse } from "@/lib/contract";
import type { FolderRef } from "@/lib/format/key-path";
import { apiFetch } from "./fetcher";
import { kvKeys, pastKeys } from "./keys";
import { useAsOfRevision } from "./time-travel/as-of";

/** Children per `GET /tree` page. */
export const TREE_PAGE_SIZE = 200;

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

/**
 * A folder's children as an infinite query: each page's `next` cursor is the following page's
 * `after`. Only runs while `enabled` (the folder is expanded). Errors show inline (quiet).
 * In a past view (useAsOfRevision) it lists the folder as of that revision (`revision=R`),
 * cached apart from the live listing (pastKeys) and never refetched by live updates.
 */
export function useTreeQuery(folder: FolderRef, enabled = true) {
  const revision = useAsOfRevision() ?? undefined;
  return useInfiniteQuery({
    queryKey: revision
      ? pastKeys.tree(revision, folder.prefix, folder.prefixEncoding)
      : kvKeys.tree(folder.prefix, folder.prefixEncoding),
    queryFn: ({ pageParam, signal }) => getTree({ ...folder, after: pageParam, revision }, signal),
    staleTime: revision ? Infinity : undefined,
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last.more && last.next ? last.next : undefined),
    enabled,
    meta: { quiet: true },
  });
}
