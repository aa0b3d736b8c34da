import { useMutation, useQueryClient } from "@tanstack/react-query";
import type {
  CompactResponse,
  DefragmentResponse,
  DisarmResponse,
  MoveLeaderResponse,
} from "@/lib/contract";
import { apiFetch } from "./fetcher";
import { clusterKeys } from "./keys";

/** Every maintenance mutation refreshes the cluster view when it settles; errors show inline. */
function useClusterMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    meta: { quiet: true },
    onSettled: () => qc.invalidateQueries({ queryKey: clusterKeys.all }),
  });
}

/** `POST /api/v1/cluster/compact` `{revision, physical}` (etcd Compact). */
export function useCompactMutation() {
  return useClusterMutation((v: { revision: string; physical: boolean }) =>
    apiFetch<CompactResponse>("/cluster/compact", { method: "POST", body: v }),
  );
}

/** `POST /api/v1/cluster/members/{id}/defragment` (etcd Defragment on that member only). */
export function useDefragmentMutation() {
  return useClusterMutation((id: string) =>
    apiFetch<DefragmentResponse>(`/cluster/members/${encodeURIComponent(id)}/defragment`, {
      method: "POST",
    }),
  );
}

/** `POST /api/v1/cluster/alarms/disarm` `{memberId?, alarm?}` (etcd Alarm DEACTIVATE). */
export function useDisarmMutation() {
  return useClusterMutation((v: { memberId?: string; alarm?: string }) =>
    apiFetch<DisarmResponse>("/cluster/alarms/disarm", { method: "POST", body: v }),
  );
}

/** `POST /api/v1/cluster/move-leader` `{to}` (etcd MoveLeader, sent to the current leader). */
export function useMoveLeaderMutation() {
  return useClusterMutation((to: string) =>
    apiFetch<MoveLeaderResponse>("/cluster/move-leader", { method: "POST", body: { to } }),
  );
}
