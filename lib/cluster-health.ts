import type { ClusterMember, ClusterResponse } from "@/lib/contract";

/** Traffic-light cluster health with a human reason. */
export type ClusterHealth = { level: "green" | "amber" | "red"; reason: string };

/** Whether `m` answered Status without errors. */
export const memberOk = (m: ClusterMember): boolean =>
  !m.error && !!m.status && !m.status.errors.length;

/** A member's display name: its name, or its hex ID before it has started. */
export const memberLabel = (m: ClusterMember): string => m.name || m.id;

/**
 * Summarize `GET /api/v1/cluster` for the header: red when etcd is unreachable (`data`
 * undefined), there is no leader, or an alarm is raised; amber when a member is down or reports
 * errors; green otherwise.
 */
export function clusterHealth(data: ClusterResponse | undefined): ClusterHealth {
  if (!data) return { level: "red", reason: "etcd unreachable" };
  if (!data.leader) return { level: "red", reason: "no leader" };
  if (data.alarms.length) {
    const kinds = [...new Set(data.alarms.map((a) => a.alarm))].join(", ");
    return { level: "red", reason: `alarm raised: ${kinds}` };
  }
  const down = data.members.filter((m) => !memberOk(m));
  if (down.length) {
    const names = down.map(memberLabel).join(", ");
    return { level: "amber", reason: `${down.length === 1 ? "member" : "members"} down: ${names}` };
  }
  const n = data.members.length;
  return { level: "green", reason: `healthy · ${n} ${n === 1 ? "member" : "members"}` };
}
