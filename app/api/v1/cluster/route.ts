import { readCluster } from "@/lib/etcd/cluster";
import { route } from "@/lib/http/route";

/**
 * `GET /api/v1/cluster` → `{header, clusterId, leader, compactRevision, members: [{id, name, peerUrls,
 * clientUrls, isLearner, isLeader, status? | error?}], alarms, alarmsError?}` (IDs hex, int64s
 * decimal strings, sizes in bytes). etcd RPCs: Cluster.MemberList, Maintenance.Status on each
 * member, Maintenance.Alarm (the compacted revision from a member's `/metrics`). A dead member is reported in its row, not as a failed request;
 * 503 `etcd_unavailable` only when no member answers MemberList.
 */
export const GET = route(() => readCluster());
