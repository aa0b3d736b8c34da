import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { PutKvBody, PutKvResponse } from "@/lib/contract";
import { apiFetch } from "./fetcher";
import { invalidateKey } from "./invalidate";
import { kvKeys } from "./keys";

/**
 * What the UI sends to `PUT /api/v1/kv`. `expectedModRevision`: `"0"` = create only, `"N"` =
 * only if unchanged since revision N. `ttl` is in seconds and grants a new lease; leaving out
 * `lease`/`ttl` keeps the key's current lease.
 */
export type PutKvVars = Omit<PutKvBody, "keyEncoding" | "valueEncoding"> &
  Pick<Partial<PutKvBody>, "keyEncoding" | "valueEncoding">;

/** Write a key: `PUT /api/v1/kv` (etcd Txn compare mod_revision → Put, LeaseGrant for `ttl`). */
export function putKv(vars: PutKvVars, signal?: AbortSignal): Promise<PutKvResponse> {
  return apiFetch<PutKvResponse>("/kv", { method: "PUT", body: vars, signal });
}

/**
 * Save mutation. On success the key's cache gets the written kv and its folders refresh.
 * A 409 `conflict` is handled by the caller (conflict dialog), so errors are quiet here.
 */
export function usePutKvMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (vars: PutKvVars) => putKv(vars),
    meta: { quiet: true },
    onSuccess: async (res) => {
      qc.setQueryData(kvKeys.key(res.kv.key, res.kv.keyEncoding), res);
      await invalidateKey(qc, { key: res.kv.key, keyEncoding: res.kv.keyEncoding });
    },
  });
}
