import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "../fetcher";
import { invalidateFolder } from "../invalidate";
import { historyKeys } from "../keys";
import type { RestoreItem, RestoreResponse } from "./types";

/** Variables of {@link restoreKeys}: the keys and the mode (`create-only` by default). */
export type RestoreVars = { items: RestoreItem[]; mode?: "create-only" | "overwrite" };

/**
 * Put deleted keys back with their value as of each item's revision: `POST /api/v1/restore`
 * (etcd Range at the revision, then Txns of at most 128 puts, each guarded by "key absent" in
 * create-only mode). Restored keys get no lease. Per-key outcomes are in `results`.
 * @throws ApiError 400 naming a bad item, 403 `read_only`, 503/504 when etcd is unavailable
 */
export function restoreKeys(vars: RestoreVars, signal?: AbortSignal): Promise<RestoreResponse> {
  return apiFetch<RestoreResponse>("/restore", { method: "POST", body: vars, signal });
}

/** Restore mutation; refreshes every listing, key read, history and changes view after it. */
export function useRestoreMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (vars: RestoreVars) => restoreKeys(vars),
    meta: { quiet: true },
    onSuccess: () =>
      Promise.all([invalidateFolder(qc), qc.invalidateQueries({ queryKey: historyKeys.all })]).then(
        () => undefined,
      ),
  });
}
