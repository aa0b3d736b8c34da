import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Etcd3 } from "etcd3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as cluster from "@/app/api/v1/cluster/route";
import * as kv from "@/app/api/v1/kv/route";
import { clusterHealth } from "@/lib/cluster-health";
import { clusterResponseSchema } from "@/lib/contract";
import { closeMemberClients } from "@/lib/etcd/members";
import { startEtcd } from "../../scripts/lib/etcd-process.mjs";
import { call } from "../helpers/api";

// Its own etcd with a 2 MiB backend quota, filled until etcd raises the NOSPACE alarm.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "etcd-alarm-"));
const holder = globalThis as { __etcdExplorerClients?: unknown };
let etcd: Awaited<ReturnType<typeof startEtcd>>;

beforeAll(async () => {
  etcd = await startEtcd({
    dataDir: path.join(dir, "data"),
    extraArgs: ["--quota-backend-bytes", String(2 * 1024 * 1024)],
  });
  delete holder.__etcdExplorerClients;
  closeMemberClients();
  process.env.ETCD_ENDPOINTS = etcd.endpoint;
}, 30_000);
afterAll(async () => {
  closeMemberClients();
  await etcd?.stop();
  delete holder.__etcdExplorerClients;
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Put 256 KiB values until etcd refuses with "database space exceeded"; returns the puts done. */
async function fillUntilNospace(): Promise<number> {
  const raw = new Etcd3({ hosts: etcd.endpoint });
  const value = Buffer.alloc(256 * 1024, 7);
  try {
    for (let i = 0; i < 200; i++) {
      try {
        await raw.put(`/fill/${i}`).value(value).exec();
      } catch (err) {
        if (/database space exceeded/.test((err as Error).message)) return i;
        throw err;
      }
    }
    throw new Error("etcd never ran out of space");
  } finally {
    raw.close();
  }
}

describe("a NOSPACE alarm", () => {
  it("is listed by GET /cluster, turns the health red, and writes answer 503 naming it", async () => {
    const before = clusterResponseSchema.parse(
      (await call(cluster.GET, "GET", "/api/v1/cluster")).body,
    );
    expect(before.alarms, "no alarm before the quota is reached").toEqual([]);

    expect(await fillUntilNospace()).toBeGreaterThan(0);

    const res = await call(cluster.GET, "GET", "/api/v1/cluster");
    expect(res.status).toBe(200);
    const view = clusterResponseSchema.parse(res.body);
    expect(view.alarms).toEqual([{ memberId: view.members[0].id, alarm: "NOSPACE" }]);
    expect(clusterHealth(view)).toEqual({ level: "red", reason: "alarm raised: NOSPACE" });

    const put = await call(kv.PUT, "PUT", "/api/v1/kv", { key: "/after-alarm", value: "x" });
    expect(put.status).toBe(503);
    expect(put.body.error.code).toBe("etcd_unavailable");
    expect(put.body.error.message).toMatch(/NOSPACE/);

    const get = await call(kv.GET, "GET", "/api/v1/kv?key=%2Ffill%2F0");
    expect(get.status, "reads still work under the alarm").toBe(200);
  }, 60_000);
});
