import { useInfiniteQuery } from "@tanstack/react-query";
import type { FolderRef } from "@/lib/format/key-path";
import { apiFetch } from "../fetcher";
import { historyKeys } from "../keys";
import type { ChangesResponse } from "./types";

/** Changed keys per page. */
export const CHANGES_PAGE_SIZE = 200;

/** Variables of {@link getChanges}: the folder, `from` and `to` (null: now) revisions. */
export type ChangesVars = { folder: FolderRef; from: string; to: string | null };

/**
 * One page of the net changes under a folder between two revisions:
 * `GET /api/v1/changes?prefix=P&from=A[&to=B]&limit=N[&after=C]` (what it reads from etcd:
 * docs/time-travel.md).
 * @throws ApiError 410 `revision_compacted` (A compacted), 400 naming `from`/`to`
 */
export function getChanges(
  vars: ChangesVars,
  after: string | undefined,
  signal?: AbortSignal,
): Promise<ChangesResponse> {
  const { folder } = vars;
  return apiFetch<ChangesResponse>("/changes", {
    params: {
      prefix: folder.prefix,
      prefixEncoding: folder.prefixEncoding === "utf8" ? undefined : folder.prefixEncoding,
      from: vars.from,
      to: vars.to ?? undefined,
      limit: CHANGES_PAGE_SIZE,
      after,
    },
    signal,
  });
}

/**
 * The "What changed" listing as an infinite query. With `to` null the first page pins "now"
 * (`to` in its answer) and later pages ask for that same `to`, so paging never mixes two ends.
 */
export function useChangesQuery(vars: ChangesVars) {
  const { folder, from, to } = vars;
  return useInfiniteQuery({
    queryKey: historyKeys.changes(folder.prefix, folder.prefixEncoding, from, to),
    queryFn: ({ pageParam, signal }) =>
      getChanges({ folder, from, to: pageParam?.to ?? to }, pageParam?.after, signal),
    initialPageParam: undefined as { after: string; to: string } | undefined,
    getNextPageParam: (last) =>
      last.more && last.next ? { after: last.next, to: last.to } : undefined,
    staleTime: to === null ? 0 : Infinity,
    meta: { quiet: true },
  });
}
