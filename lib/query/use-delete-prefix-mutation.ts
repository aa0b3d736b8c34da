import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { DeletePrefixResponse } from "@/lib/contract";
import type { FolderRef } from "@/lib/format/key-path";
import { apiFetch } from "./fetcher";
import { invalidateFolder } from "./invalidate";

/**
 * Delete every key under a folder: `DELETE /api/v1/kv?prefix=P` (one etcd DeleteRange).
 * The empty prefix (the whole keyspace) goes with `all=true`, which the gateway insists on;
 * only the delete-everything dialog, after its typed phrase, gets here with it.
 * @throws ApiError from the gateway (403 permission, 503/504 etcd unavailable or timed out)
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
      all: folder.prefix === "" ? true : undefined,
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
