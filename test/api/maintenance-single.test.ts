import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import { Etcd3 } from "etcd3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as cluster from "@/app/api/v1/cluster/route";
import * as disarm from "@/app/api/v1/cluster/alarms/disarm/route";
import * as compact from "@/app/api/v1/cluster/compact/route";
import * as defrag from "@/app/api/v1/cluster/members/[id]/defragment/route";
import * as snapshot from "@/app/api/v1/cluster/snapshot/route";
import * as kv from "@/app/api/v1/kv/route";
import * as locks from "@/app/api/v1/locks/route";
import { closeMemberClients } from "@/lib/etcd/members";
import { ETCDCTL_BIN, startEtcd } from "../../scripts/lib/etcd-process.mjs";
import { startEtcdctl } from "../../scripts/lib/etcdctl-process.mjs";
import { call } from "../helpers/api";

// One etcd with a 48 MiB backend quota: big enough for a 32 MiB snapshot, small enough to fill.
const QUOTA = 48 * 1024 * 1024;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "etcd-maint-single-"));
const holder = globalThis as { __etcdExplorerClients?: unknown };
let etcd: Awaited<ReturnType<typeof startEtcd>>;
let raw: Etcd3;

beforeAll(async () => {
  etcd = await startEtcd({
    dataDir: path.join(dir, "data"),
    extraArgs: ["--quota-backend-bytes", String(QUOTA)],
  });
  delete holder.__etcdExplorerClients;
  closeMemberClients();
  process.env.ETCD_ENDPOINTS = etcd.endpoint;
  raw = new Etcd3({ hosts: etcd.endpoint });
}, 30_000);
afterAll(async () => {
  raw?.close();
  closeMemberClients();
  await etcd?.stop();
  delete holder.__etcdExplorerClients;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("snapshot download", () => {
  it("streams a 32 MiB snapshot without the gateway's RSS growing by half of it", async () => {
    for (let i = 0; i < 32; i++)
      await raw
        .put(`/big/${i}`)
        .value(randomBytes(1024 * 1024))
        .exec();
    // etcd's backend commits in batches, so the DB size it reports can lag the last puts.
    await expect
      .poll(async () => Number((await raw.maintenance.status()).dbSize), { timeout: 5_000 })
      .toBeGreaterThan(32 * 1024 * 1024);
    const dbSize = Number((await raw.maintenance.status()).dbSize);

    // Collect garbage as it is read, so RSS shows what is held, not what awaits collection.
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc") as () => void;
    gc();
    const rss0 = process.memoryUsage().rss;
    const res = await snapshot.GET(new Request("http://127.0.0.1/api/v1/cluster/snapshot"));
    expect(res.status).toBe(200);
    const file = path.join(dir, "big.db");
    const fd = fs.openSync(file, "w");
    let peak = rss0;
    let bytes = 0;
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      fs.writeSync(fd, value);
      bytes += value.length;
      if (bytes % (1024 * 1024) < value.length) {
        gc();
        peak = Math.max(peak, process.memoryUsage().rss);
        // A slow reader: the gateway must pause etcd rather than queue the rest.
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    fs.closeSync(fd);
    const growth = peak - rss0;
    console.log(
      `snapshot ${(bytes / 2 ** 20).toFixed(1)} MiB, RSS growth ${(growth / 2 ** 20).toFixed(1)} MiB`,
    );
    expect(bytes).toBeGreaterThanOrEqual(dbSize);
    expect(growth).toBeLessThan(bytes / 2);
    const status = JSON.parse(
      execFileSync(ETCDCTL_BIN, ["snapshot", "status", file, "-w", "json"], {
        env: { ...process.env, ETCDCTL_API: "3" },
      }).toString(),
    );
    expect(status.totalKey).toBeGreaterThanOrEqual(32);
  }, 60_000);
});

describe("alarm disarm after NOSPACE", () => {
  it("disarms NOSPACE once space is freed (delete, compact, defragment), and writes work again", async () => {
    const value = randomBytes(1024 * 1024);
    let full = false;
    // Its own client: etcd3's default breaker opens after the refused puts.
    const filler = new Etcd3({ hosts: etcd.endpoint });
    for (let i = 0; i < 100 && !full; i++) {
      try {
        await filler.put(`/fill/${i}`).value(value).exec();
      } catch (err) {
        expect((err as Error).message).toMatch(/database space exceeded/);
        full = true;
      }
    }
    filler.close();
    expect(full, "etcd ran out of space").toBe(true);
    const view = (await call(cluster.GET, "GET", "/api/v1/cluster")).body;
    const memberId = view.members[0].id;
    expect(view.alarms).toEqual([{ memberId, alarm: "NOSPACE" }]);

    // Free the space: etcd allows deletes and compaction under NOSPACE.
    await raw.delete().prefix("/").exec();
    const { header } = await raw.kv.range({ key: Buffer.from("/"), limit: 1 });
    const c = await call(compact.POST, "POST", "/api/v1/cluster/compact", {
      revision: header.revision,
      physical: true,
    });
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    const d = await defrag.POST(
      new Request(`http://127.0.0.1/api/v1/cluster/members/${memberId}/defragment`, {
        method: "POST",
      }),
      { params: Promise.resolve({ id: memberId }) },
    );
    const freed = await d.json();
    expect(d.status, JSON.stringify(freed)).toBe(200);
    expect(Number(freed.after.dbSize)).toBeLessThan(QUOTA / 4);

    const wrongAlarm = await call(disarm.POST, "POST", "/api/v1/cluster/alarms/disarm", {
      alarm: "CORRUPT",
    });
    expect(wrongAlarm.body.disarmed, "the filter applies").toEqual([]);
    const res = await call(disarm.POST, "POST", "/api/v1/cluster/alarms/disarm", {
      memberId,
      alarm: "NOSPACE",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.disarmed).toEqual([{ memberId, alarm: "NOSPACE" }]);
    expect((await call(cluster.GET, "GET", "/api/v1/cluster")).body.alarms).toEqual([]);
    const put = await call(kv.PUT, "PUT", "/api/v1/kv", { key: "/after-disarm", value: "ok" });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
  }, 60_000);
});

describe("a lock holder's heldSince after compaction", () => {
  // Here, not in locks.test.ts: compacting the shared test etcd would cut other files' history.
  it("is the compacted revision at the latest, marked inexact, when the hand-over was compacted", async () => {
    const a = startEtcdctl(etcd.endpoint, ["lock", "--ttl=2", "/held/job"]);
    let b: ReturnType<typeof startEtcdctl> | undefined;
    try {
      // B starts once A holds: started together, either may win, and A would then wait forever.
      await a.acquired;
      b = startEtcdctl(etcd.endpoint, ["lock", "--ttl=2", "/held/job"]);
      await a.stop("SIGKILL");
      const keyB = await b.acquired; // A's lease expired: B holds
      await raw.put("/held-later").value("x").exec();
      const { header } = await raw.put("/held-later").value("y").exec();
      await raw.kv.compact({ revision: header.revision, physical: true });

      const res = await call(locks.GET, "GET", "/api/v1/locks?prefix=%2Fheld%2F");
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const holder = res.body.locks[0].holder;
      expect(holder.key).toBe(keyB);
      expect(holder.heldSinceExact).toBe(false);
      expect(holder.heldSince).toBe(header.revision);
    } finally {
      await a.stop();
      await b?.stop();
    }
  }, 30_000);
});
