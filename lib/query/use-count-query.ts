import { useQuery } from "@tanstack/react-query";
import type { RangeResponse } from "@/lib/contract";
import type { FolderRef } from "@/lib/format/key-path";
import { apiFetch } from "./fetcher";
import { kvKeys } from "./keys";

/**
 * How many keys start with a prefix: `GET /api/v1/range?prefix=P&countOnly=1` (etcd Range,
 * count_only). `count` is a decimal string.
 */
export async function getCount(folder: FolderRef, signal?: AbortSignal): Promise<string> {
  const res = await apiFetch<RangeResponse>("/range", {
    params: {
      prefix: folder.prefix,
      prefixEncoding: folder.prefixEncoding === "utf8" ? undefined : folder.prefixEncoding,
      countOnly: 1,
    },
    signal,
  });
  return res.count;
}

/** The number of keys under a folder (always fetched fresh: it guards a destructive action). */
export function useCountQuery(folder: FolderRef, enabled = true) {
  return useQuery({
    queryKey: kvKeys.count(folder.prefix, folder.prefixEncoding),
    queryFn: ({ signal }) => getCount(folder, signal),
    enabled,
    staleTime: 0,
    meta: { quiet: true },
  });
}
