import { describe, expect, it } from "vitest";
import { CHARTS } from "@/app/cluster/_components/metrics/metric-charts";
import {
  appendSample,
  chartRows,
  WINDOW_MS,
  type Sample,
} from "@/app/cluster/_components/metrics/series";
import type { MemberFigures } from "@/lib/contract";

const hist = (counts: number[]) => ({
  buckets: [
    [0.001, counts[0]],
    [0.01, counts[1]],
    [null, counts[2]],
  ] as [number | null, number][],
  count: counts[2],
  sumSeconds: 0,
  p99Ms: null,
});

function figures(over: Partial<MemberFigures>): MemberFigures {
  return {
    requestsTotal: 0,
    requestsFailedTotal: 0,
    revision: "1",
    dbSizeBytes: 1 << 20,
    dbSizeInUseBytes: 1 << 19,
    quotaBackendBytes: 2 ** 31,
    hasLeader: true,
    isLeader: true,
    leaderChangesTotal: 1,
    proposalsPending: 0,
    proposalsFailedTotal: 0,
    proposalsCommittedTotal: 0,
    watchStreams: 0,
    watchers: 0,
    leasesGrantedTotal: 0,
    leasesRevokedTotal: 0,
    leasesRenewedTotal: 0,
    walFsync: hist([0, 0, 0]),
    backendCommit: hist([0, 0, 0]),
    peerRoundTrip: hist([0, 0, 0]),
    ...over,
  };
}
const sample = (at: number, f: Partial<MemberFigures>): Sample => ({
  header: { revision: "1" },
  members: [{ id: "a", name: "m1", clientUrl: "http://x", at, figures: figures(f) }],
});
const chart = (id: string) => CHARTS.find((c) => c.id === id)!;

describe("the dashboard's series", () => {
  it("rates are per second between samples; a counter going down (restart) leaves a gap", () => {
    const history = [
      sample(0, { requestsTotal: 100 }),
      sample(5_000, { requestsTotal: 150 }),
      sample(10_000, { requestsTotal: 10 }),
      sample(15_000, { requestsTotal: 60 }),
    ];
    const rows = chartRows(history, chart("requests").lines);
    expect(rows.map((r) => [r.t, r.m1])).toEqual([
      [5_000, 10],
      [10_000, null],
      [15_000, 10],
    ]);
  });

  it("p99 over an interval comes from the bucket difference, not the totals", () => {
    const history = [
      // 100 fast fsyncs before the window...
      sample(0, { walFsync: hist([100, 100, 100]) }),
      // ...then 10 in (1 ms, 10 ms]: the interval's p99 is near 10 ms, the total's near 1 ms.
      sample(5_000, { walFsync: hist([100, 110, 110]) }),
      sample(10_000, { walFsync: hist([100, 110, 110]) }),
    ];
    const rows = chartRows(history, chart("wal-fsync").lines);
    expect(rows[0].m1).toBeCloseTo(1 + 9 * 0.99, 6);
    expect(rows[1].m1, "no fsync in that interval: no point").toBeNull();
  });

  it("leader changes count from the window's first sample", () => {
    const history = [
      sample(0, { leaderChangesTotal: 3 }),
      sample(5_000, { leaderChangesTotal: 3 }),
      sample(10_000, { leaderChangesTotal: 5 }),
    ];
    expect(chartRows(history, chart("leader-changes").lines).map((r) => r.m1)).toEqual([0, 2]);
  });

  it("keeps 15 minutes of samples and ignores a repeated one", () => {
    let h: Sample[] = [];
    for (let t = 0; t <= WINDOW_MS + 10_000; t += 5_000) h = appendSample(h, sample(t, {}));
    expect(h.length).toBe(WINDOW_MS / 5_000 + 1);
    expect(appendSample(h, h[h.length - 1])).toBe(h);
  });
});
