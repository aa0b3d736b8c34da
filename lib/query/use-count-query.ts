import { useQuery } from "@tanstack/react-query";
import type { RangeResponse } from "@/lib/contract";
import type { FolderRef } from "@/lib/format/key-path";
import { apiFetch } from "./fetcher";
import { kvKeys, pastKeys } from "./keys";
import { useAsOfRevision } from "./time-travel/as-of";

/**
 * How many keys start with a prefix: `GET /api/v1/range?prefix=P&countOnly=1` (etcd Range,
 * count_only, at `revision` when given). `count` is a decimal string.
 */
export async function getCount(
  folder: FolderRef,
  signal?: AbortSignal,
  revision?: string,
): Promise<string> {
  const res = await apiFetch<RangeResponse>("/range", {
    params: {
      prefix: folder.prefix,
      prefixEncoding: folder.prefixEncoding === "utf8" ? undefined : folder.prefixEncoding,
      countOnly: 1,
      revision,
    },
    signal,
  });
  return res.count;
}

/**
 * The number of keys under a folder (always fetched fresh: it guards a destructive action).
 * In a past view (useAsOfRevision), the count as of that revision (cached: it never changes).
 */
export function useCountQuery(folder: FolderRef, enabled = true) {
  const revision = useAsOfRevision() ?? undefined;
  return useQuery({
    queryKey: revision
      ? pastKeys.count(revision, folder.prefix, folder.prefixEncoding)
      : kvKeys.count(folder.prefix, folder.prefixEncoding),
    queryFn: ({ signal }) => getCount(folder, signal, revision),
    enabled,
    staleTime: revision ? Infinity : 0,
    meta: { quiet: true },
  });
}
