import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { DeleteKvResponse } from "@/lib/contract";
import type { KeyRef } from "@/lib/format/key-path";
import { apiFetch } from "./fetcher";
import { invalidateKey } from "./invalidate";

/** Delete one key, guarded by `expectedModRevision` (decimal string) when given. */
export type DeleteKvVars = KeyRef & { expectedModRevision?: string };

/**
 * `DELETE /api/v1/kv?key=K&keyEncoding=E&expectedModRevision=N` (etcd DeleteRange, in a Txn
 * comparing mod_revision when guarded). 409 `conflict` when the key changed since it was read.
 */
export function deleteKv(vars: DeleteKvVars, signal?: AbortSignal): Promise<DeleteKvResponse> {
  return apiFetch<DeleteKvResponse>("/kv", {
    method: "DELETE",
    params: {
      key: vars.key,
      keyEncoding: vars.keyEncoding === "utf8" ? undefined : vars.keyEncoding,
      expectedModRevision: vars.expectedModRevision,
    },
    signal,
  });
}

/** Delete-key mutation; refreshes the key and its folders. Errors show in the dialog (quiet). */
export function useDeleteKvMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (vars: DeleteKvVars) => deleteKv(vars),
    meta: { quiet: true },
    onSuccess: (_res, vars) => invalidateKey(qc, vars, { refetchKey: false }),
  });
}
