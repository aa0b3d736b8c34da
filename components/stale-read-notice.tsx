"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { kvKeys } from "@/lib/query/keys";
import { useReadFreshness } from "@/lib/query/read-freshness";

/** While stale, how often every keyspace query is refetched (ms), to notice a new leader. */
const RECHECK_MS = 5_000;

/**
 * The amber "may be stale" notice above the keys (`role="status"`): shown while the keyspace
 * reads on screen were answered by the gateway's serializable fallback (etcd has no leader; see
 * read-freshness.ts). Meanwhile every keyspace query is refetched every {@link RECHECK_MS}, so
 * the first linearizable answer after a leader is elected hides it and refreshes what is shown.
 */
export function StaleReadNotice() {
  const qc = useQueryClient();
  const freshness = useReadFreshness();

  useEffect(() => {
    if (!freshness.stale) return;
    const timer = setInterval(
      () => void qc.invalidateQueries({ queryKey: kvKeys.all }),
      RECHECK_MS,
    );
    return () => clearInterval(timer);
  }, [freshness.stale, qc]);

  if (!freshness.stale) return null;
  return (
    <div
      role="status"
      aria-label="Stale read"
      className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900"
    >
      <strong>etcd has no leader</strong> — showing a serializable read from one member
      {freshness.member ? <span className="font-mono"> ({freshness.member})</span> : null}; it may
      be stale. Writes are refused until a leader is elected.
    </div>
  );
}
