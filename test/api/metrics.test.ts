import { afterAll, describe, expect, it } from "vitest";
import * as metrics from "@/app/api/v1/cluster/metrics/route";
import { clusterMetricsResponseSchema, type MemberFigures } from "@/lib/contract";
import { memberFigures } from "@/lib/etcd/metrics/member-figures";
import { parsePromText } from "@/lib/etcd/metrics/prom-text";
import { bucketDelta, histogramQuantile } from "@/lib/format/histogram";
import { call, rawClient, uniquePrefix } from "../helpers/api";

const etcd = rawClient();
afterAll(() => etcd.close());

async function sample(): Promise<MemberFigures> {
  const res = await call(metrics.GET, "GET", "/api/v1/cluster/metrics");
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const body = clusterMetricsResponseSchema.parse(res.body);
  expect(body.members).toHaveLength(1);
  const [m] = body.members;
  expect(m.error).toBeUndefined();
  expect(m.id).toMatch(/^[0-9a-f]+$/);
  return m.figures!;
}

describe("GET /api/v1/cluster/metrics on a real etcd", () => {
  it("figures move after writes: revision, requests, fsyncs and commits, DB size", async () => {
    const before = await sample();
    expect(before.hasLeader).toBe(true);
    expect(before.isLeader).toBe(true);
    expect(before.dbSizeBytes).toBeGreaterThan(0);
    expect(before.quotaBackendBytes).toBeGreaterThan(0);
    const p = uniquePrefix("metrics");
    const value = "x".repeat(4096);
    for (let i = 0; i < 60; i++) await etcd.put(`${p}${i}`).value(value);
    await new Promise((r) => setTimeout(r, 300)); // the backend commits every 100 ms
    const after = await sample();
    expect(BigInt(after.revision!) - BigInt(before.revision!)).toBeGreaterThanOrEqual(60n);
    expect(after.requestsTotal - before.requestsTotal).toBeGreaterThanOrEqual(60);
    expect(after.proposalsCommittedTotal - before.proposalsCommittedTotal).toBeGreaterThanOrEqual(
      60,
    );
    expect(after.walFsync.count - before.walFsync.count).toBeGreaterThanOrEqual(1);
    expect(after.backendCommit.count).toBeGreaterThan(before.backendCommit.count);
    expect(after.walFsync.p99Ms).toBeGreaterThan(0);
    expect(after.backendCommit.p99Ms).toBeGreaterThan(0);
    // In-use size can't be compared across the two samples: other files compact this shared
    // etcd meanwhile, which frees pages. It is reported, and within the DB file.
    expect(after.dbSizeInUseBytes!).toBeGreaterThan(0);
    expect(after.dbSizeInUseBytes!).toBeLessThanOrEqual(after.dbSizeBytes!);
    // The fsyncs of just these writes: the difference of the two samples' buckets.
    const recent = bucketDelta(
      before.walFsync.buckets.map(([b, c]) => [b ?? Infinity, c]),
      after.walFsync.buckets.map(([b, c]) => [b ?? Infinity, c]),
    );
    expect(recent).not.toBeNull();
    expect(histogramQuantile(0.99, recent!)).toBeGreaterThan(0);
    await etcd.delete().prefix(p);
  });

  it("counts watch streams and leases", async () => {
    const before = await sample();
    const lease = etcd.lease(30, { autoKeepAlive: false });
    await lease.grant();
    const watcher = await etcd.watch().prefix(uniquePrefix("metrics-watch")).create();
    const during = await sample();
    expect(during.leasesGrantedTotal).toBe(before.leasesGrantedTotal + 1);
    expect(during.watchers!).toBeGreaterThanOrEqual(before.watchers! + 1);
    expect(during.watchStreams!).toBeGreaterThanOrEqual(1);
    await watcher.cancel();
    await lease.revoke();
    const after = await sample();
    expect(after.leasesRevokedTotal).toBe(before.leasesRevokedTotal + 1);
  });
});

describe("Prometheus text and p99 from buckets", () => {
  const text = [
    "# HELP etcd_disk_wal_fsync_duration_seconds The latency distributions of fsync called by WAL.",
    "# TYPE etcd_disk_wal_fsync_duration_seconds histogram",
    'etcd_disk_wal_fsync_duration_seconds_bucket{le="0.001"} 0',
    'etcd_disk_wal_fsync_duration_seconds_bucket{le="0.002"} 50',
    'etcd_disk_wal_fsync_duration_seconds_bucket{le="0.004"} 90',
    'etcd_disk_wal_fsync_duration_seconds_bucket{le="0.008"} 100',
    'etcd_disk_wal_fsync_duration_seconds_bucket{le="+Inf"} 100',
    "etcd_disk_wal_fsync_duration_seconds_sum 0.25",
    "etcd_disk_wal_fsync_duration_seconds_count 100",
    'etcd_network_peer_round_trip_time_seconds_bucket{To="a",le="0.001"} 1',
    'etcd_network_peer_round_trip_time_seconds_bucket{To="a",le="+Inf"} 1',
    'etcd_network_peer_round_trip_time_seconds_bucket{To="b",le="0.001"} 0',
    'etcd_network_peer_round_trip_time_seconds_bucket{To="b",le="+Inf"} 3',
    'grpc_server_started_total{grpc_method="Range",grpc_service="etcdserverpb.KV",grpc_type="unary"} 7',
    'grpc_server_started_total{grpc_method="Watch",grpc_service="etcdserverpb.Watch",grpc_type="bidi_stream"} 2',
    'grpc_server_handled_total{grpc_code="OK",grpc_type="unary"} 5',
    'grpc_server_handled_total{grpc_code="NotFound",grpc_type="unary"} 1',
    "etcd_debugging_mvcc_current_revision 1.234567e+06",
    'weird{a="q\\"uote,}",b="x"} 1',
  ].join("\n");

  it("interpolates inside the bucket holding the 99th percentile, as histogram_quantile does", () => {
    const f = memberFigures(text);
    // rank 99 of 100 lies in (4 ms, 8 ms], 9 of its 10 observations in: 4 + 4 × 9/10 = 7.6 ms.
    expect(f.walFsync.p99Ms).toBeCloseTo(7.6, 6);
    expect(f.walFsync.count).toBe(100);
    expect(f.requestsTotal).toBe(7);
    expect(f.requestsFailedTotal).toBe(1);
    expect(f.revision).toBe("1234567");
    // Peers merged: 4 round trips, 3 only known to be above 1 ms → the highest finite bound.
    expect(f.peerRoundTrip.buckets).toEqual([
      [0.001, 1],
      [null, 4],
    ]);
    expect(f.peerRoundTrip.p99Ms).toBeCloseTo(1, 6);
    expect(f.backendCommit.p99Ms).toBeNull();
  });

  it("parses escaped label values and skips malformed lines", () => {
    const m = parsePromText(`${text}\nbroken{a="x 1\nnovalue\n`, () => true);
    expect(m.get("weird")).toEqual([{ labels: { a: 'q"uote,}', b: "x" }, value: 1 }]);
    expect(m.has("broken")).toBe(false);
    expect(m.has("novalue")).toBe(false);
  });

  it("a bucket delta is null across a restart (counts went down)", () => {
    expect(bucketDelta([[1, 5]], [[1, 2]])).toBeNull();
    expect(
      bucketDelta(
        [
          [1, 5],
          [Infinity, 6],
        ],
        [
          [1, 7],
          [Infinity, 9],
        ],
      ),
    ).toEqual([
      [1, 2],
      [Infinity, 3],
    ]);
    expect(
      histogramQuantile(0.99, [
        [1, 0],
        [Infinity, 0],
      ]),
    ).toBeNull();
  });
});
