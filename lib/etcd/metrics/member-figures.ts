import "server-only";
import type { HistogramSample, MemberFigures } from "@/lib/contract";
import { histogramQuantile, type Buckets } from "@/lib/format/histogram";
import { parsePromText, type Sample } from "./prom-text";

/**
 * The metric families the dashboard reads (etcd 3.4–3.6 names; docs/metrics.md says what each
 * means and what is healthy).
 */
const FAMILIES = [
  "grpc_server_started_total",
  "grpc_server_handled_total",
  "etcd_debugging_mvcc_current_revision",
  "etcd_mvcc_db_total_size_in_bytes",
  "etcd_mvcc_db_total_size_in_use_in_bytes",
  "etcd_server_quota_backend_bytes",
  "etcd_server_has_leader",
  "etcd_server_is_leader",
  "etcd_server_leader_changes_seen_total",
  "etcd_server_proposals_pending",
  "etcd_server_proposals_failed_total",
  "etcd_server_proposals_committed_total",
  "etcd_debugging_mvcc_watch_stream_total",
  "etcd_debugging_mvcc_watcher_total",
  "etcd_debugging_lease_granted_total",
  "etcd_debugging_lease_revoked_total",
  "etcd_debugging_lease_renewed_total",
] as const;
const HISTOGRAMS = {
  walFsync: "etcd_disk_wal_fsync_duration_seconds",
  backendCommit: "etcd_disk_backend_commit_duration_seconds",
  peerRoundTrip: "etcd_network_peer_round_trip_time_seconds",
} as const;

const wanted = new Set<string>([
  ...FAMILIES,
  ...Object.values(HISTOGRAMS).flatMap((h) => [`${h}_bucket`, `${h}_count`, `${h}_sum`]),
]);

/** The dashboard's figures from one member's `/metrics` text (see {@link MemberFigures}). */
export function memberFigures(text: string): MemberFigures {
  const m = parsePromText(text, (name) => wanted.has(name));
  const sum = (name: string, keep: (s: Sample) => boolean = () => true) =>
    (m.get(name) ?? []).filter(keep).reduce((t, s) => t + s.value, 0);
  const gauge = (name: string) => m.get(name)?.[0]?.value ?? null;
  const flag = (name: string) => (gauge(name) === null ? null : gauge(name) === 1);
  const unary = (s: Sample) => s.labels.grpc_type === "unary";
  const revision = gauge("etcd_debugging_mvcc_current_revision");
  return {
    requestsTotal: sum("grpc_server_started_total", unary),
    requestsFailedTotal: sum(
      "grpc_server_handled_total",
      (s) => unary(s) && s.labels.grpc_code !== "OK",
    ),
    // Gauges print as floats; revisions stay far below 2^53 in practice.
    revision: revision === null ? null : BigInt(Math.round(revision)).toString(),
    dbSizeBytes: gauge("etcd_mvcc_db_total_size_in_bytes"),
    dbSizeInUseBytes: gauge("etcd_mvcc_db_total_size_in_use_in_bytes"),
    quotaBackendBytes: gauge("etcd_server_quota_backend_bytes"),
    hasLeader: flag("etcd_server_has_leader"),
    isLeader: flag("etcd_server_is_leader"),
    leaderChangesTotal: sum("etcd_server_leader_changes_seen_total"),
    proposalsPending: gauge("etcd_server_proposals_pending"),
    proposalsFailedTotal: sum("etcd_server_proposals_failed_total"),
    proposalsCommittedTotal: sum("etcd_server_proposals_committed_total"),
    watchStreams: gauge("etcd_debugging_mvcc_watch_stream_total"),
    watchers: gauge("etcd_debugging_mvcc_watcher_total"),
    leasesGrantedTotal: sum("etcd_debugging_lease_granted_total"),
    leasesRevokedTotal: sum("etcd_debugging_lease_revoked_total"),
    leasesRenewedTotal: sum("etcd_debugging_lease_renewed_total"),
    walFsync: histogram(m, HISTOGRAMS.walFsync),
    backendCommit: histogram(m, HISTOGRAMS.backendCommit),
    peerRoundTrip: histogram(m, HISTOGRAMS.peerRoundTrip),
  };
}

/** A histogram family, its series (one per peer for round trips) merged bucket by bucket. */
function histogram(m: Map<string, Sample[]>, name: string): HistogramSample {
  const byBound = new Map<number, number>();
  for (const s of m.get(`${name}_bucket`) ?? []) {
    const bound = Number(s.labels.le === "+Inf" ? Infinity : s.labels.le);
    if (!Number.isNaN(bound)) byBound.set(bound, (byBound.get(bound) ?? 0) + s.value);
  }
  const buckets: Buckets = [...byBound].sort((a, b) => a[0] - b[0]);
  const total = (suffix: string) =>
    (m.get(`${name}${suffix}`) ?? []).reduce((t, s) => t + s.value, 0);
  const p99 = histogramQuantile(0.99, buckets);
  return {
    buckets: buckets.map(([b, c]) => [b === Infinity ? null : b, c]),
    count: total("_count"),
    sumSeconds: total("_sum"),
    p99Ms: p99 === null ? null : p99 * 1000,
  };
}
