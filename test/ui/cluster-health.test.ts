import { describe, expect, it } from "vitest";
import { clusterHealth } from "@/lib/cluster-health";
import type { ClusterMember, ClusterResponse } from "@/lib/contract";

const status = {
  version: "3.4.23",
  dbSize: "20480",
  dbSizeInUse: "16384",
  raftTerm: "2",
  raftIndex: "8",
  raftAppliedIndex: "8",
  errors: [],
};
const member = (name: string, extra: Partial<ClusterMember> = {}): ClusterMember => ({
  id: name,
  name,
  peerUrls: [],
  clientUrls: [],
  isLearner: false,
  isLeader: false,
  status,
  ...extra,
});
const view = (extra: Partial<ClusterResponse> = {}): ClusterResponse => ({
  header: { clusterId: "c", memberId: "a", revision: "1" },
  clusterId: "c",
  leader: "a",
  compactRevision: "0",
  members: [member("a"), member("b")],
  alarms: [],
  ...extra,
});

describe("clusterHealth", () => {
  it("is green with every member ok and a leader", () => {
    expect(clusterHealth(view())).toEqual({ level: "green", reason: "healthy · 2 members" });
  });
  it("is amber naming a member that is down or reports errors", () => {
    const members = [member("a"), member("b", { status: undefined, error: "unavailable" })];
    expect(clusterHealth(view({ members }))).toEqual({ level: "amber", reason: "member down: b" });
    const noLeader = member("b", { status: { ...status, errors: ["etcdserver: no leader"] } });
    expect(clusterHealth(view({ members: [member("a"), noLeader] })).level).toBe("amber");
  });
  it("is red with no leader, an alarm, or no answer", () => {
    expect(clusterHealth(view({ leader: null })).reason).toBe("no leader");
    const alarms = [{ memberId: "a", alarm: "NOSPACE" }];
    expect(clusterHealth(view({ alarms }))).toEqual({
      level: "red",
      reason: "alarm raised: NOSPACE",
    });
    expect(clusterHealth(undefined)).toEqual({ level: "red", reason: "etcd unreachable" });
  });
});
