"use client";

import { InlineError } from "@/components/ui/inline-error";
import { useClusterQuery } from "@/lib/query/use-cluster-query";
import { AlarmsBanner } from "./alarms-banner";
import { MaintenancePanel } from "./maintenance/maintenance-panel";
import { MemberRow } from "./member-row";
import { MetricsDashboard } from "./metrics/metrics-dashboard";
import { SpaceUsage } from "./space-usage";

/**
 * The cluster page: raised alarms first, then a table of every member (name, ID, leader badge,
 * health, version, raft term/index, DB size bar, client URLs), with the current and compacted
 * revisions above, and the leader's space use (SpaceUsage). Refreshes every 3 s.
 */
export function ClusterView() {
  const cluster = useClusterQuery();
  const data = cluster.data;
  const maxDb = Math.max(1, ...(data?.members ?? []).map((m) => Number(m.status?.dbSize ?? 0)));
  return (
    <div className="h-full overflow-auto p-4">
      <h1 className="text-lg font-semibold">Cluster</h1>
      <p className="mb-4 text-sm text-slate-500">
        {data
          ? `Cluster ${data.clusterId} · revision ${data.header.revision} · compacted at ${compacted(data.compactRevision)} · leader ${data.leader ?? "none"} · refreshes every 3 s`
          : "Loading members…"}
      </p>
      {cluster.isError ? (
        <InlineError message={`Could not read the cluster: ${cluster.error.message}`} />
      ) : null}
      {data ? <AlarmsBanner alarms={data.alarms} error={data.alarmsError} /> : null}
      {data ? <SpaceUsage members={data.members} /> : null}
      <table aria-label="Members" className="w-full border-collapse text-sm">
        <thead>
          <tr className="border-b border-slate-300 text-left text-xs text-slate-500">
            {[
              "Name",
              "ID",
              "Role",
              "Health",
              "Version",
              "Raft term / index",
              "DB size",
              "Client URLs",
            ].map((h) => (
              <th key={h} scope="col" className="py-1 pr-3 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data?.members.map((m) => (
            <MemberRow key={m.id} member={m} maxDbSize={maxDb} />
          ))}
        </tbody>
      </table>
      <MetricsDashboard />
      {data ? <MaintenancePanel cluster={data} /> : null}
    </div>
  );
}

/** "never" for "0", "unknown" when no member's metrics answered. */
function compacted(revision: string | null): string {
  if (revision === null) return "unknown";
  return revision === "0" ? "never" : revision;
}
