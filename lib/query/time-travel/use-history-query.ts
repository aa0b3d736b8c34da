import { useInfiniteQuery } from "@tanstack/react-query";
import type { KeyRef } from "@/lib/format/key-path";
import { apiFetch } from "../fetcher";
import { historyKeys } from "../keys";
import type { HistoryResponse } from "./types";

/** Versions per history page. */
export const HISTORY_PAGE_SIZE = 50;

/**
 * One page of a key's versions, newest first: `GET /api/v1/history?key=K&limit=N&before=R`
 * (what it reads from etcd: docs/time-travel.md).
 * @throws ApiError 410 `revision_compacted` when `before` was compacted meanwhile
 */
export function getHistory(
  ref: KeyRef,
  before: string | undefined,
  signal?: AbortSignal,
): Promise<HistoryResponse> {
  return apiFetch<HistoryResponse>("/history", {
    params: {
      key: ref.key,
      keyEncoding: ref.keyEncoding === "utf8" ? undefined : ref.keyEncoding,
      limit: HISTORY_PAGE_SIZE,
      before,
    },
    signal,
  });
}

/** A key's history as an infinite query; each page's `next` is the following page's `before`. */
export function useHistoryQuery(ref: KeyRef) {
  return useInfiniteQuery({
    queryKey: historyKeys.key(ref.key, ref.keyEncoding),
    queryFn: ({ pageParam, signal }) => getHistory(ref, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last.more && last.next ? last.next : undefined),
    meta: { quiet: true },
  });
}
