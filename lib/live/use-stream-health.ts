"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useErrorState } from "../query/error-store";
import { clusterKeys, healthKeys } from "../query/keys";
import { useNow } from "../query/use-now";
import { streamHealth, type StreamHealth } from "./watch-stream-health";
import type { WatchStreamState } from "./watch-stream-types";

/**
 * The watch stream's shown health ({@link streamHealth}), re-evaluated every second. It agrees
 * with the header: while the banner says etcd is unreachable, or the header's last
 * `GET /api/v1/health` or `GET /api/v1/cluster` poll failed (its dot is red "etcd
 * unreachable"), a connected stream shows `stale`, never green.
 * @param state  the tab's watch stream state
 */
export function useStreamHealth(state: WatchStreamState): StreamHealth {
  const now = useNow();
  const { etcdDown } = useErrorState();
  const qc = useQueryClient();
  // Read on every tick (useNow re-renders once a second): no extra observers or polls.
  const headerDown =
    etcdDown ||
    qc.getQueryState(healthKeys.all)?.status === "error" ||
    qc.getQueryState(clusterKeys.all)?.status === "error";
  return streamHealth(state, now, headerDown);
}
