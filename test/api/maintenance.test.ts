import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Etcd3 } from "etcd3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as cluster from "@/app/api/v1/cluster/route";
import * as disarm from "@/app/api/v1/cluster/alarms/disarm/route";
import * as compact from "@/app/api/v1/cluster/compact/route";
import * as defrag from "@/app/api/v1/cluster/members/[id]/defragment/route";
import * as moveLeader from "@/app/api/v1/cluster/move-leader/route";
import * as snapshot from "@/app/api/v1/cluster/snapshot/route";
import { clusterResponseSchema, type ClusterResponse } from "@/lib/contract";
import { closeMemberClients } from "@/lib/etcd/members";
import { ETCDCTL_BIN, startCluster } from "../../scripts/lib/etcd-process.mjs";
import { call } from "../helpers/api";

// Its own 3-member cluster; the gateway is pointed at all three members.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "etcd-maintenance-"));
const holder = globalThis as { __etcdExplorerClients?: unknown };
let etcd: Awaited<ReturnType<typeof startCluster>>;
let raw: Etcd3;

beforeAll(async () => {
  etcd = await startCluster({ baseDir: dir });
  delete holder.__etcdExplorerClients;
  closeMemberClients();
  process.env.ETCD_ENDPOINTS = etcd.endpoints.join(",");
  raw = new Etcd3({ hosts: etcd.endpoints });
}, 60_000);
afterAll(async () => {
  raw?.close();
  closeMemberClients();
  await etcd?.stop();
  delete holder.__etcdExplorerClients;
  delete process.env.ETCD_EXPLORER_READ_ONLY;
  fs.rmSync(dir, { recursive: true, force: true });
});

async function getCluster(): Promise<ClusterResponse> {
  const res = await call(cluster.GET, "GET", "/api/v1/cluster");
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return clusterResponseSchema.parse(res.body);
}

/** Call the defragment route for member `id` with the context Next passes. */
async function callDefrag(id: string, headers: Record<string, string> = {}) {
  const req = new Request(`http://127.0.0.1/api/v1/cluster/members/${id}/defragment`, {
    method: "POST",
    headers,
  });
  const res = await defrag.POST(req, { params: Promise.resolve({ id }) });
  return { status: res.status, body: await res.json() };
}

/** Each member's own DB size (bytes) by client URL, from its Status (a fresh client per member). */
async function dbSizes(): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const url of etcd.endpoints) {
    const c = new Etcd3({ hosts: url });
    try {
      out.set(url, Number((await c.maintenance.status()).dbSize));
    } finally {
      c.close();
    }
  }
  return out;
}

describe("maintenance on a 3-member cluster", () => {
  it("compacts at a revision: older revisions then answer 410; a future one is a 400", async () => {
    for (let i = 0; i < 5; i++) await raw.put("/m/compact").value(`v${i}`).exec();
    const { header } = await raw.put("/m/compact").value("last").exec();
    const old = (BigInt(header.revision) - 2n).toString();
    expect(
      (await raw.kv.range({ key: Buffer.from("/m/compact"), revision: old })).kvs,
    ).toHaveLength(1);

    const res = await call(compact.POST, "POST", "/api/v1/cluster/compact", {
      revision: header.revision,
      physical: true,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ revision: header.revision, physical: true });
    await expect(raw.kv.range({ key: Buffer.from("/m/compact"), revision: old })).rejects.toThrow(
      /compacted/,
    );
    await expect
      .poll(async () => (await getCluster()).compactRevision, { timeout: 12_000 })
      .toBe(header.revision);

    const again = await call(compact.POST, "POST", "/api/v1/cluster/compact", { revision: old });
    expect(again.status).toBe(410);
    const future = await call(compact.POST, "POST", "/api/v1/cluster/compact", {
      revision: "99999999",
    });
    expect(future.status).toBe(400);
    expect(future.body.error.details.field).toBe("revision");
    const zero = await call(compact.POST, "POST", "/api/v1/cluster/compact", { revision: "0" });
    expect(zero.status).toBe(400);
    expect(zero.body.error.details.field).toBe("revision");
  }, 30_000);

  it("defragments one member at a time: only that member's DB shrinks", async () => {
    // 6 MiB written and deleted, then compacted: free pages every member can give back.
    const value = Buffer.alloc(512 * 1024, 3);
    for (let i = 0; i < 12; i++) await raw.put(`/m/defrag/${i}`).value(value).exec();
    await raw.delete().prefix("/m/defrag/").exec();
    const { header } = await raw.put("/m/defrag-done").value("x").exec();
    await raw.kv.compact({ revision: header.revision, physical: true });

    const view = await getCluster();
    for (const member of view.members) {
      const before = await dbSizes();
      const res = await callDefrag(member.id);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ memberId: member.id, name: member.name });
      expect(Number(res.body.before.dbSize)).toBe(before.get(member.clientUrls[0]));
      expect(Number(res.body.after.dbSize)).toBeLessThan(
        Number(res.body.before.dbSize) - 4 * 1024 * 1024,
      );
      expect(res.body.tookMs).toBeGreaterThanOrEqual(0);
      const after = await dbSizes();
      for (const [url, size] of after) {
        if (url === member.clientUrls[0]) expect(size).toBe(Number(res.body.after.dbSize));
        // The others' files only ever grow meanwhile (raft applies); a defrag would shrink them.
        else expect(size, `${url} was not defragmented`).toBeGreaterThanOrEqual(before.get(url)!);
      }
    }
    const unknown = await callDefrag("abc");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("member_not_found");
    const bad = await callDefrag("xyz");
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe("id");
  }, 60_000);

  it("moves the leader to another member (sent to the current leader)", async () => {
    const view = await getCluster();
    const target = view.members.find((m) => !m.isLeader)!;
    const res = await call(moveLeader.POST, "POST", "/api/v1/cluster/move-leader", {
      to: target.id,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ from: view.leader, to: target.id, moved: true });
    await expect.poll(async () => (await getCluster()).leader, { timeout: 10_000 }).toBe(target.id);

    const same = await call(moveLeader.POST, "POST", "/api/v1/cluster/move-leader", {
      to: target.id,
    });
    expect(same.body).toMatchObject({ from: target.id, to: target.id, moved: false });
    const unknown = await call(moveLeader.POST, "POST", "/api/v1/cluster/move-leader", { to: "1" });
    expect(unknown.status).toBe(404);
    const bad = await call(moveLeader.POST, "POST", "/api/v1/cluster/move-leader", { to: "G" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe("to");
  }, 30_000);

  it("streams a snapshot from a chosen member that etcdctl snapshot status reads", async () => {
    await raw.put("/m/snap").value("in the snapshot").exec();
    const view = await getCluster();
    const follower = view.members.find((m) => !m.isLeader)!;
    const res = await snapshot.GET(
      new Request(`http://127.0.0.1/api/v1/cluster/snapshot?memberId=${follower.id}`),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="etcd-snapshot-m\d-rev\d+\.db"$/,
    );
    expect(res.headers.get("x-etcd-member")).toBe(follower.id);
    const file = path.join(dir, "snap.db");
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const status = JSON.parse(
      execFileSync(ETCDCTL_BIN, ["snapshot", "status", file, "-w", "json"], {
        env: { ...process.env, ETCDCTL_API: "3" },
      }).toString(),
    );
    expect(status.totalKey).toBeGreaterThan(0);
    expect(status.revision).toBeGreaterThanOrEqual(Number(res.headers.get("x-etcd-revision")));

    const leaderSnap = await snapshot.GET(new Request("http://127.0.0.1/api/v1/cluster/snapshot"));
    expect(leaderSnap.headers.get("x-etcd-member"), "default: the leader").toBe(view.leader);
    await leaderSnap.body?.cancel();
  }, 30_000);

  it("refuses a cross-site snapshot request, and names a bad memberId", async () => {
    const cross = await call(snapshot.GET, "GET", "/api/v1/cluster/snapshot", undefined, {
      "sec-fetch-site": "cross-site",
    });
    expect(cross.status).toBe(403);
    expect(cross.body.error.code).toBe("forbidden_origin");
    const foreign = await call(snapshot.GET, "GET", "/api/v1/cluster/snapshot", undefined, {
      origin: "http://evil.example",
    });
    expect(foreign.status).toBe(403);
    const bad = await call(snapshot.GET, "GET", "/api/v1/cluster/snapshot?memberId=zz");
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe("memberId");
  });

  it("disarm with nothing raised disarms nothing", async () => {
    const res = await call(disarm.POST, "POST", "/api/v1/cluster/alarms/disarm", {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.disarmed).toEqual([]);
    const bad = await call(disarm.POST, "POST", "/api/v1/cluster/alarms/disarm", { alarm: "LOUD" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe("alarm");
  });

  it("refuses every maintenance write in read-only mode with 403 read_only, before touching etcd", async () => {
    const view = await getCluster();
    const rev = view.header.revision;
    process.env.ETCD_EXPLORER_READ_ONLY = "1";
    try {
      const answers = [
        await call(compact.POST, "POST", "/api/v1/cluster/compact", { revision: rev }),
        await callDefrag(view.members[0].id, { "content-type": "application/json" }),
        await call(disarm.POST, "POST", "/api/v1/cluster/alarms/disarm", {}),
        await call(moveLeader.POST, "POST", "/api/v1/cluster/move-leader", {
          to: view.members.find((m) => !m.isLeader)!.id,
        }),
      ];
      for (const a of answers) {
        expect(a.status).toBe(403);
        expect(a.body.error.code).toBe("read_only");
      }
    } finally {
      delete process.env.ETCD_EXPLORER_READ_ONLY;
    }
    const after = await getCluster();
    expect(after.leader, "the leader did not move").toBe(view.leader);
    expect(after.compactRevision).not.toBe(rev);
  });
});
