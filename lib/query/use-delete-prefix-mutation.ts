import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { DeletePrefixResponse } from "@/lib/contract";
import type { FolderRef } from "@/lib/format/key-path";
import { apiFetch } from "./fetcher";
import { invalidateFolder } from "./invalidate";

/**
 * Delete every key under a folder: `DELETE /api/v1/kv?prefix=P` (one etcd DeleteRange).
 * The empty prefix (whole keyspace) is refused by the gateway; the UI never sends it.
 */
export function deletePrefix(
  folder: FolderRef,
  signal?: AbortSignal,
): Promise<DeletePrefixResponse> {
  return apiFetch<DeletePrefixResponse>("/kv", {
    method: "DELETE",
    params: {
      prefix: folder.prefix,
      prefixEncoding: folder.prefixEncoding === "utf8" ? undefined : folder.prefixEncoding,
    },
    signal,
  });
}

/** Delete-folder mutation; refreshes every listing and key read. Errors show in the dialog. */
export function useDeletePrefixMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (folder: FolderRef) => deletePrefix(folder),
    meta: { quiet: true },
    onSuccess: () => invalidateFolder(qc),
  });
}
