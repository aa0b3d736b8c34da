import { describe, expect, it } from "vitest";
import { currentReadFreshness, noteReadHeader } from "@/lib/query/read-freshness";

const M = "http://127.0.0.1:2379";

describe("the stale-read notice's state", () => {
  it("turns on for a serializable keyspace read and off at the next linearizable one", () => {
    noteReadHeader("/kv", { header: { revision: "5" }, kv: {} });
    expect(currentReadFreshness()).toEqual({ stale: false });
    noteReadHeader("/tree", { header: { revision: "5", serializable: true, member: M } });
    expect(currentReadFreshness()).toEqual({ stale: true, member: M });
    noteReadHeader("/range", { header: { revision: "6" }, kvs: [] });
    expect(currentReadFreshness()).toEqual({ stale: false });
  });

  it("ignores the cluster and health polls and bodies without a header", () => {
    noteReadHeader("/kv", { header: { revision: "5", serializable: true, member: M } });
    noteReadHeader("/cluster", { header: { revision: "7", clusterId: "a", memberId: "b" } });
    noteReadHeader("/health", { status: "ok" });
    noteReadHeader("/kv", null);
    expect(currentReadFreshness()).toEqual({ stale: true, member: M });
  });
});
