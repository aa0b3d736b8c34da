import type { MemberFigures } from "@/lib/contract";
import { rate, recentP99Ms, type Pair } from "./series";

/**
 * One dashboard chart: its title, the unit of its values, what is healthy (facts from etcd's
 * docs, see docs/metrics.md), an optional threshold drawn as a dashed line, and the lines it
 * plots per member (`""` = one line named after the member).
 */
export type ChartSpec = {
  id: string;
  title: string;
  unit: string;
  healthy: string;
  threshold?: number;
  lines: (p: Pair, first: MemberFigures) => Record<string, number | null>;
};

const MIB = 1024 * 1024;

/** The dashboard's charts, in display order (the figures of issue 15, item 3). */
export const CHARTS: ChartSpec[] = [
  {
    id: "requests",
    title: "Requests per second",
    unit: "req/s",
    healthy: "Depends on your load; failed calls should stay near 0.",
    lines: ({ prev, cur, dtS }) => ({
      "": rate(prev?.requestsTotal, cur.requestsTotal, dtS),
      failed: rate(prev?.requestsFailedTotal, cur.requestsFailedTotal, dtS),
    }),
  },
  {
    id: "revisions",
    title: "Revisions per second",
    unit: "rev/s",
    healthy: "Every write adds one revision; a steady climb means steady writes.",
    lines: ({ prev, cur, dtS }) => ({
      "": rate(
        prev?.revision == null ? undefined : Number(prev.revision),
        Number(cur.revision ?? 0),
        dtS,
      ),
    }),
  },
  {
    id: "db-size",
    title: "DB size and in use",
    unit: "MiB",
    healthy:
      "Well below the quota (--quota-backend-bytes, 2 GiB by default; at the quota etcd raises NOSPACE). Size far above in use: defragment.",
    lines: ({ cur }) => ({
      size: cur.dbSizeBytes === null ? null : cur.dbSizeBytes / MIB,
      "in use": cur.dbSizeInUseBytes === null ? null : cur.dbSizeInUseBytes / MIB,
    }),
  },
  {
    id: "leader-changes",
    title: "Leader changes in the window",
    unit: "changes",
    healthy: "0. Frequent changes point to a slow disk or network, or CPU starvation.",
    lines: ({ cur }, first) => ({ "": cur.leaderChangesTotal - first.leaderChangesTotal }),
  },
  {
    id: "proposals",
    title: "Proposals pending and failed",
    unit: "proposals",
    healthy: "Pending near 0 and no failures (failures come with leader elections or lost quorum).",
    lines: ({ prev, cur, dtS }) => ({
      pending: cur.proposalsPending,
      "failed/s": rate(prev?.proposalsFailedTotal, cur.proposalsFailedTotal, dtS),
    }),
  },
  {
    id: "watches",
    title: "Watch streams and watchers",
    unit: "count",
    healthy: "Follows your clients; a climb that never falls suggests a client leaking watchers.",
    lines: ({ cur }) => ({ streams: cur.watchStreams, watchers: cur.watchers }),
  },
  {
    id: "leases",
    title: "Leases granted and revoked",
    unit: "leases/s",
    healthy: "Follows your clients; revoked includes expired leases.",
    lines: ({ prev, cur, dtS }) => ({
      granted: rate(prev?.leasesGrantedTotal, cur.leasesGrantedTotal, dtS),
      revoked: rate(prev?.leasesRevokedTotal, cur.leasesRevokedTotal, dtS),
    }),
  },
  {
    id: "wal-fsync",
    title: "WAL fsync p99",
    unit: "ms",
    healthy: "Below 10 ms (etcd FAQ); slower disks cause missed heartbeats and elections.",
    threshold: 10,
    lines: ({ prev, cur }) => ({ "": recentP99Ms(prev?.walFsync, cur.walFsync) }),
  },
  {
    id: "backend-commit",
    title: "Backend commit p99",
    unit: "ms",
    healthy: "Below 25 ms (etcd FAQ); slower means a slow or contended disk.",
    threshold: 25,
    lines: ({ prev, cur }) => ({ "": recentP99Ms(prev?.backendCommit, cur.backendCommit) }),
  },
  {
    id: "peer-rtt",
    title: "Peer round trip p99",
    unit: "ms",
    healthy:
      "Well below the heartbeat interval (--heartbeat-interval, 100 ms by default). No line on a single member.",
    lines: ({ prev, cur }) => ({ "": recentP99Ms(prev?.peerRoundTrip, cur.peerRoundTrip) }),
  },
];
