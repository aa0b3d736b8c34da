"use client";

import Link from "next/link";
import { clusterHealth } from "@/lib/cluster-health";
import { HEALTH_INTERVAL_MS, useClusterQuery } from "@/lib/query/use-cluster-query";

const DOT = { green: "bg-emerald-400", amber: "bg-amber-400", red: "bg-rose-500" } as const;

/**
 * The header's cluster health: a green/amber/red dot with its reason as text (all members ok and
 * a leader / a member down / no leader, an alarm, or etcd unreachable), from the shared
 * `GET /api/v1/cluster` poll (every 10 s and only while the tab is visible — every 3 s on the
 * cluster page, which shares the query); links to the cluster page.
 */
export function ClusterHealthDot() {
  const cluster = useClusterQuery({ intervalMs: HEALTH_INTERVAL_MS, background: false });
  if (cluster.isPending) return null;
  const health = clusterHealth(cluster.isError ? undefined : cluster.data);
  return (
    <p role="status" aria-label="Cluster health" data-level={health.level} className="text-xs">
      <Link
        href="/cluster"
        className="flex items-center gap-1.5 rounded px-2 py-1 text-slate-300 hover:bg-slate-800"
      >
        <span
          aria-hidden="true"
          className={`inline-block h-2.5 w-2.5 rounded-full ${DOT[health.level]}`}
        />
        {health.reason}
      </Link>
    </p>
  );
}
