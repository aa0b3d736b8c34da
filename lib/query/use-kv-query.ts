import { useQuery } from "@tanstack/react-query";
import type { GetKvResponse } from "@/lib/contract";
import type { KeyRef } from "@/lib/format/key-path";
import { apiFetch } from "./fetcher";
import { kvKeys } from "./keys";

/** One key with its value and metadata: `GET /api/v1/kv?key=K&keyEncoding=E` (etcd Range). */
export function getKv(ref: KeyRef, signal?: AbortSignal): Promise<GetKvResponse> {
  return apiFetch<GetKvResponse>("/kv", {
    params: { key: ref.key, keyEncoding: ref.keyEncoding === "utf8" ? undefined : ref.keyEncoding },
    signal,
  });
}

/**
 * The selected key. A 404 `key_not_found` is an ordinary state (shown inline), not a toast.
 * Disabled while `ref` is null (nothing selected).
 */
export function useKvQuery(ref: KeyRef | null) {
  return useQuery({
    queryKey: kvKeys.key(ref?.key ?? "", ref?.keyEncoding ?? "utf8"),
    queryFn: ({ signal }) => getKv(ref as KeyRef, signal),
    enabled: ref !== null,
    meta: { quiet: true },
  });
}
