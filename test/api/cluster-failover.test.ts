import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Etcd3 } from "etcd3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as clusterRoute from "@/app/api/v1/cluster/route";
import * as kv from "@/app/api/v1/kv/route";
import * as range from "@/app/api/v1/range/route";
import * as tree from "@/app/api/v1/tree/route";
import * as watch from "@/app/api/v1/watch/route";
import { clusterHealth, memberOk } from "@/lib/cluster-health";
import { clusterResponseSchema, type ClusterResponse } from "@/lib/contract";
import { closeMemberClients } from "@/lib/etcd/members";
import { closeAllFeeds } from "@/lib/etcd/watch/watch-hub";
import { memberServingWatch, startCluster } from "../../scripts/lib/etcd-process.mjs";
import { call, q } from "../helpers/api";
import { openSse } from "../helpers/sse";

// This file runs its own 3-member cluster, points the gateway at all three members, kills
// members with SIGKILL and restarts them from their data dirs. The tests run in order.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "etcd-failover-"));
const holder = globalThis as { __etcdExplorerClients?: unknown };
let cluster: Awaited<ReturnType<typeof startCluster>>;

beforeAll(async () => {
  cluster = await startCluster({ baseDir: dir, progressNotifyInterval: "1s" });
  delete holder.__etcdExplorerClients;
  closeMemberClients();
  process.env.ETCD_ENDPOINTS = cluster.endpoints.join(",");
}, 60_000);
afterAll(async () => {
  closeAllFeeds();
  closeMemberClients();
  await cluster?.stop();
  delete holder.__etcdExplorerClients;
  fs.rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function getCluster(): Promise<ClusterResponse> {
  const res = await call(clusterRoute.GET, "GET", "/api/v1/cluster");
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return clusterResponseSchema.parse(res.body);
}

/** Poll GET /cluster until `ok(body)`; fails with the last body after `ms`. */
async function waitForCluster(ok: (c: ClusterResponse) => boolean, ms: number) {
  const deadline = Date.now() + ms;
  let last: ClusterResponse | undefined;
  while (Date.now() < deadline) {
    last = await getCluster();
    if (ok(last)) return last;
    await sleep(250);
  }
  throw new Error(`cluster did not reach the state in ${ms} ms: ${JSON.stringify(last)}`);
}

const allGreen = (c: ClusterResponse) =>
  c.leader !== null && c.members.every(memberOk) && clusterHealth(c).level === "green";

const restart = (i: number) => cluster.restart(i);

const put = (key: string, value: string) => call(kv.PUT, "PUT", "/api/v1/kv", { key, value });

describe("a 3-member cluster losing members", () => {
  it("(a) reads recover within 5 s and the SSE watch loses nothing when the serving member dies", async () => {
    const p = "/fo-a/";
    expect((await put(`${p}probe`, "x")).status).toBe(200);
    const sse = await openSse(watch.GET, `/api/v1/watch?prefix=${q(p)}`);
    await sse.next((m) => m.event === "ready");
    const victim = await memberServingWatch(cluster.members);
    expect(victim, "one member serves the gateway's watch stream").toBeGreaterThanOrEqual(0);

    let stop = false;
    let killedAt = Infinity;
    const reads: { at: number; ok: boolean }[] = [];
    const writeStatuses: number[] = [];
    const reader = (async () => {
      while (!stop) {
        const at = Date.now();
        const res = await call(kv.GET, "GET", `/api/v1/kv?key=${q(`${p}probe`)}`);
        reads.push({ at, ok: res.status === 200 });
        await sleep(10);
      }
    })();
    const writer = (async () => {
      for (let i = 0; !stop; i++) writeStatuses.push((await put(`${p}k${i}`, String(i))).status);
    })();
    await sleep(1_000);
    killedAt = Date.now();
    await cluster.members[victim!].stop("SIGKILL");
    await sleep(6_000);
    stop = true;
    await Promise.all([reader, writer]);

    const failedAfterKill = reads.filter((r) => !r.ok && r.at >= killedAt);
    const lastFailure = Math.max(killedAt, ...failedAfterKill.map((r) => r.at));
    expect(lastFailure - killedAt, "reads answer again within 5 s of the kill").toBeLessThan(5_000);
    expect(reads.filter((r) => r.ok && r.at > killedAt + 1_000).length).toBeGreaterThan(10);
    expect(writeStatuses.filter((s) => s === 200).length, "writes go on").toBeGreaterThan(5);

    // Every revision under the prefix (each key written once) arrives exactly once, in order.
    const raw = new Etcd3({ hosts: cluster.endpoints });
    const all = await raw
      .getAll()
      .prefix(p)
      .exec()
      .finally(() => raw.close());
    const expected = all.kvs.map((k) => BigInt(k.mod_revision)).sort((a, b) => (a < b ? -1 : 1));
    const seen: bigint[] = [];
    const last = expected[expected.length - 1];
    while (seen.length === 0 || seen[seen.length - 1] < last) {
      seen.push(BigInt((await sse.next((m) => m.event === "change", 15_000)).id!));
    }
    sse.close();
    const probeRev = expected[0]; // written before the watch opened
    expect(seen).toEqual(expected.filter((r) => r !== probeRev));

    await restart(victim!);
    await waitForCluster(allGreen, 20_000);
  }, 60_000);

  it("(b) with two members dead: no leader, serializable reads answer, writes get 503", async () => {
    const p = "/fo-b/";
    const before = await put(`${p}k`, "v1");
    expect(before.status).toBe(200);
    const alive = cluster.members[2];
    await Promise.all([cluster.members[0].stop("SIGKILL"), cluster.members[1].stop("SIGKILL")]);

    // waitForCluster throws when the state isn't reached in time.
    const leaderless = await waitForCluster((c) => c.leader === null, 10_000);
    expect(clusterHealth(leaderless)).toEqual({ level: "red", reason: "no leader" });

    const got = await call(kv.GET, "GET", `/api/v1/kv?key=${q(`${p}k`)}`);
    expect(got.status, JSON.stringify(got.body)).toBe(200);
    expect(got.body.kv.value).toBe("v1");
    expect(got.body.header).toMatchObject({ serializable: true, member: alive.endpoint });
    const listed = await call(tree.GET, "GET", `/api/v1/tree?prefix=${q(p)}`);
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    expect(listed.body.header.serializable).toBe(true);
    expect(listed.body.children.map((c: { name: string }) => c.name)).toEqual(["k"]);
    const flat = await call(range.GET, "GET", `/api/v1/range?prefix=${q(p)}`);
    expect(flat.status).toBe(200);
    expect(flat.body.header.serializable).toBe(true);
    expect(flat.body.kvs.map((k: { value: string }) => k.value)).toEqual(["v1"]);

    for (const [key, value] of [
      [`${p}k`, "v2"],
      [`${p}new`, "x"],
    ]) {
      const res = await put(key, value);
      expect(res.status, JSON.stringify(res.body)).toBe(503);
      expect(res.body.error.code).toBe("etcd_unavailable");
      expect(res.body.error.message).toMatch(/no leader.*not applied/);
    }
    // The lone member's own store is unchanged.
    const lone = new Etcd3({ hosts: alive.endpoint });
    try {
      const res = await lone.kv.range({
        key: Buffer.from(p),
        range_end: Buffer.from("/fo-b0"),
        serializable: true,
      });
      expect(res.kvs.map((k) => `${k.key}=${k.value}`)).toEqual([`${p}k=v1`]);
      expect(res.kvs[0].mod_revision).toBe(before.body.kv.modRevision);
    } finally {
      lone.close();
    }
  }, 60_000);

  it("(c) with the two restarted: a leader, every member ok, health green, writes work", async () => {
    await Promise.all([restart(0), restart(1)]);
    const healed = await waitForCluster(allGreen, 20_000);
    expect(clusterHealth(healed).level).toBe("green");
    expect(healed.members.filter((m) => m.isLeader)).toHaveLength(1);

    const p = "/fo-b/";
    const got = await call(kv.GET, "GET", `/api/v1/kv?key=${q(`${p}k`)}`);
    expect(got.status).toBe(200);
    expect(got.body.kv.value, "the refused write was never applied").toBe("v1");
    expect(got.body.header.serializable).toBeUndefined();
    expect((await call(kv.GET, "GET", `/api/v1/kv?key=${q(`${p}new`)}`)).status).toBe(404);
    const written = await put(`${p}k`, "v3");
    expect(written.status, JSON.stringify(written.body)).toBe(200);
    expect(written.body.kv.value).toBe("v3");
  }, 60_000);
});
