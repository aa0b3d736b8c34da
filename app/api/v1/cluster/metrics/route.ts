import { readClusterMetrics } from "@/lib/etcd/metrics/read-metrics";
import { route } from "@/lib/http/route";

/**
 * `GET /api/v1/cluster/metrics` → `{header, members: [{id, name, clientUrl, at, figures? |
 * error?}]}`: each member's request, revision, DB size, leader, proposal, watch and lease
 * figures and its WAL fsync, backend commit and peer round-trip histograms at this instant,
 * read from `<client URL>/metrics` (docs/metrics.md). Counters are raw totals; the page keeps
 * the series and computes rates. etcd RPC: Cluster.MemberList. 503 when no member answers it.
 */
export const GET = route(() => readClusterMetrics());
