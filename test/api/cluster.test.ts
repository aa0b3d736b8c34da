import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Etcd3 } from "etcd3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as cluster from "@/app/api/v1/cluster/route";
import { clusterResponseSchema, type ClusterResponse } from "@/lib/contract";
import { closeMemberClients } from "@/lib/etcd/members";
import { startCluster } from "../../scripts/lib/etcd-process.mjs";
import { call } from "../helpers/api";

// This file runs its own 3-member cluster and points the gateway at all three members.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "etcd-cluster-view-"));
const holder = globalThis as { __etcdExplorerClients?: unknown };
let etcd: Awaited<ReturnType<typeof startCluster>>;

beforeAll(async () => {
  etcd = await startCluster({ baseDir: dir });
  delete holder.__etcdExplorerClients;
  closeMemberClients();
  process.env.ETCD_ENDPOINTS = etcd.endpoints.join(",");
}, 60_000);
afterAll(async () => {
  closeMemberClients();
  await etcd?.stop();
  delete holder.__etcdExplorerClients;
  fs.rmSync(dir, { recursive: true, force: true });
});

async function getCluster(): Promise<ClusterResponse> {
  const res = await call(cluster.GET, "GET", "/api/v1/cluster");
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return clusterResponseSchema.parse(res.body);
}

describe("GET /api/v1/cluster on a 3-member cluster", () => {
  it("lists all three members, each with its own status, and one leader", async () => {
    const body = await getCluster();
    expect(body.members.map((m) => m.name).sort()).toEqual(["m1", "m2", "m3"]);
    expect(body.leader).toMatch(/^[0-9a-f]+$/);
    expect(body.members.filter((m) => m.isLeader)).toHaveLength(1);
    expect(body.members.find((m) => m.isLeader)?.id).toBe(body.leader);
    for (const m of body.members) {
      expect(m.error, m.name).toBeUndefined();
      expect(m.status?.version).toMatch(/^3\./);
      expect(Number(m.status?.dbSize)).toBeGreaterThan(0);
      expect(m.status?.errors).toEqual([]);
      expect(m.clientUrls[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    }
    expect(body.alarms).toEqual([]);
    expect(body.clusterId).toMatch(/^[0-9a-f]+$/);
    expect(Number(body.header.revision)).toBeGreaterThan(0);
    expect(body.compactRevision, "never compacted").toBe("0");
  });

  it("reports the compacted revision after a compaction", async () => {
    const raw = new Etcd3({ hosts: etcd.endpoints });
    try {
      for (let i = 0; i < 5; i++) await raw.put(`/compact-me/${i}`).value("v").exec();
      const { header } = await raw.put("/compact-me/last").value("v").exec();
      await raw.kv.compact({ revision: header.revision, physical: true });
      // The gauge is read from a member's /metrics and cached for 5 s.
      await expect
        .poll(async () => (await getCluster()).compactRevision, { timeout: 12_000, interval: 500 })
        .toBe(header.revision);
    } finally {
      raw.close();
    }
  }, 20_000);

  it("still answers within 5 s after a member is SIGKILLed, with that member in error", async () => {
    const victim = etcd.members[2];
    await victim.stop("SIGKILL");
    const t0 = Date.now();
    const body = await getCluster();
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(body.members).toHaveLength(3);
    const dead = body.members.find((m) => m.clientUrls[0] === victim.endpoint);
    expect(dead?.error, "the killed member reports an error").toBeTruthy();
    expect(dead?.status).toBeUndefined();
    for (const m of body.members.filter((x) => x !== dead)) {
      expect(m.error, m.name).toBeUndefined();
      expect(m.status?.version).toMatch(/^3\./);
    }
  }, 20_000);
});
