import { useQuery } from "@tanstack/react-query";
import type { GetKvResponse } from "@/lib/contract";
import type { KeyRef } from "@/lib/format/key-path";
import { apiFetch } from "./fetcher";
import { kvKeys, pastKeys } from "./keys";
import { useAsOfRevision } from "./time-travel/as-of";

/**
 * One key with its value and metadata: `GET /api/v1/kv?key=K&keyEncoding=E[&revision=R]`
 * (etcd Range, at revision R when given: 410 `revision_compacted` once R is compacted).
 */
export function getKv(
  ref: KeyRef,
  signal?: AbortSignal,
  revision?: string,
): Promise<GetKvResponse> {
  return apiFetch<GetKvResponse>("/kv", {
    params: {
      key: ref.key,
      keyEncoding: ref.keyEncoding === "utf8" ? undefined : ref.keyEncoding,
      revision,
    },
    signal,
  });
}

/**
 * The selected key. A 404 `key_not_found` is an ordinary state (shown inline), not a toast.
 * Disabled while `ref` is null (nothing selected). In a past view (useAsOfRevision) it reads
 * the key as of that revision, cached apart from the live key (pastKeys) and never stale.
 */
export function useKvQuery(ref: KeyRef | null) {
  const revision = useAsOfRevision();
  const key = ref?.key ?? "";
  const keyEncoding = ref?.keyEncoding ?? "utf8";
  return useQuery({
    queryKey: revision ? pastKeys.key(revision, key, keyEncoding) : kvKeys.key(key, keyEncoding),
    queryFn: ({ signal }) => getKv(ref as KeyRef, signal, revision ?? undefined),
    enabled: ref !== null,
    staleTime: revision ? Infinity : undefined,
    meta: { quiet: true },
  });
}
