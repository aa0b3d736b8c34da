"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useWatchContext } from "@/lib/live/watch-context";
import type { Encoding } from "@/lib/contract";
import { leaseKeys } from "@/lib/query/keys";
import { useLeaseQuery } from "@/lib/query/use-lease-query";
import { TtlTimer } from "./ttl-timer";

/**
 * A lease's remaining TTL, counting down each second from an absolute expiry (no per-second
 * requests). The lease is read through the batched `GET /api/v1/leases/ttl` (one request for
 * every countdown on the page), again just before the countdown would turn red or reach 1 s,
 * at least every 10 s, and whenever the tab's watch stream reports a change to `watchKey`; a
 * renewal shows as a jump back up with a brief "renewed" mark.
 * Renders `role="timer"` named "TTL" with `data-seconds` (whole seconds left).
 * @prop lease     hex lease ID
 * @prop watchKey  the key bound to it (optional): watch events on it trigger a re-sync
 * @prop compact   smaller styling for tree rows
 */
export function LeaseCountdown({
  lease,
  watchKey,
  compact = false,
}: {
  lease: string;
  watchKey?: { key: string; keyEncoding: Encoding };
  compact?: boolean;
}) {
  const query = useLeaseQuery(lease);
  useResyncOnWatch(lease, watchKey);
  return (
    <TtlTimer
      expiresAt={query.data?.expiresAt}
      grantedTtl={query.data?.grantedTtl}
      expired={query.data === null}
      compact={compact}
      title={`lease ${lease}${query.data ? ` · granted ${query.data.grantedTtl}s` : ""}`}
    />
  );
}

/** Re-read the lease when the watch stream reports a put or delete of `watchKey`. */
function useResyncOnWatch(lease: string, watchKey?: { key: string; keyEncoding: Encoding }) {
  const stream = useWatchContext();
  const qc = useQueryClient();
  const subscribe = stream?.subscribe;
  const key = watchKey?.key;
  const enc = watchKey?.keyEncoding;
  useEffect(() => {
    if (!subscribe || key === undefined) return;
    return subscribe((msg) => {
      if (msg.kind !== "change") return;
      const hit = msg.message.events.some((e) => e.kv.key === key && e.kv.keyEncoding === enc);
      if (hit) void qc.invalidateQueries({ queryKey: leaseKeys.lease(lease) });
    });
  }, [subscribe, key, enc, lease, qc]);
}
