import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as health from "@/app/api/v1/health/route";
import * as kv from "@/app/api/v1/kv/route";
import * as tree from "@/app/api/v1/tree/route";
import { freePort, startEtcd } from "../../scripts/lib/etcd-process.mjs";
import { call } from "../helpers/api";

// This file gets an etcd of its own, which it stops and restarts.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "etcd-down-"));
const holder = globalThis as { __etcdExplorerClients?: unknown };
let member: { name: string; clientPort: number; peerPort: number };
let etcd: Awaited<ReturnType<typeof startEtcd>>;

beforeAll(async () => {
  member = { name: "down", clientPort: await freePort(), peerPort: await freePort() };
  etcd = await startEtcd({ dataDir: path.join(dir, "etcd"), member });
  delete holder.__etcdExplorerClients;
  process.env.ETCD_ENDPOINTS = etcd.endpoint;
});
afterAll(async () => {
  await etcd.stop();
  delete holder.__etcdExplorerClients;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("etcd stopped", () => {
  it("answers 503 etcd_unavailable quickly, and recovers when etcd is back", async () => {
    expect((await call(health.GET, "GET", "/api/v1/health")).status).toBe(200);
    await etcd.stop();
    const started = Date.now();
    for (const [handler, url] of [
      [health.GET, "/api/v1/health"],
      [kv.GET, "/api/v1/kv?key=/x"],
      [tree.GET, "/api/v1/tree?prefix=/"],
    ] as const) {
      const res = await call(handler, "GET", url);
      expect(res.status, url).toBe(503);
      expect(res.body.error.code).toBe("etcd_unavailable");
    }
    const put = await call(kv.PUT, "PUT", "/api/v1/kv", { key: "/x", value: "y" });
    expect(put.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(15_000);

    etcd = await startEtcd({ dataDir: path.join(dir, "etcd"), member });
    const deadline = Date.now() + 15_000;
    let status = 0;
    while (Date.now() < deadline && status !== 200) {
      status = (await call(health.GET, "GET", "/api/v1/health")).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(200);
    expect((await call(kv.PUT, "PUT", "/api/v1/kv", { key: "/x", value: "y" })).status).toBe(200);
  });
});
