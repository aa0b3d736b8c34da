import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as health from "@/app/api/v1/health/route";
import * as kv from "@/app/api/v1/kv/route";
import { startEtcd } from "../../scripts/lib/etcd-process.mjs";
import { call } from "../helpers/api";

// This file gets an etcd of its own, which it kills like a crash would.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "local-etcd-restarting-"));
const holder = globalThis as { __etcdExplorerClients?: unknown };
const sharedEndpoints = process.env.ETCD_ENDPOINTS;
let etcd: Awaited<ReturnType<typeof startEtcd>>;

beforeAll(async () => {
  etcd = await startEtcd({ dataDir: path.join(dir, "etcd") });
  delete holder.__etcdExplorerClients;
  process.env.ETCD_ENDPOINTS = etcd.endpoint;
});
afterAll(async () => {
  await etcd.stop();
  delete holder.__etcdExplorerClients;
  delete process.env.ETCD_EXPLORER_LOCAL_ETCD;
  process.env.ETCD_ENDPOINTS = sharedEndpoints;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("health while npm start's local etcd is down", () => {
  it("says 'local etcd restarting' only when npm start supervises the etcd", async () => {
    process.env.ETCD_EXPLORER_LOCAL_ETCD = "supervised";
    expect((await call(health.GET, "GET", "/api/v1/health")).status).toBe(200);
    await etcd.stop("SIGKILL");

    const supervised = await call(health.GET, "GET", "/api/v1/health");
    expect(supervised.status).toBe(503);
    expect(supervised.body.error.code).toBe("etcd_unavailable");
    expect(supervised.body.error.message).toMatch(/^local etcd restarting: /);
    expect(supervised.body.error.details).toEqual({ localEtcd: "restarting" });
    const read = await call(kv.GET, "GET", "/api/v1/kv?key=/x");
    expect(read.status, "other routes keep their own message").toBe(503);
    expect(read.body.error.message).not.toMatch(/local etcd/);

    delete process.env.ETCD_EXPLORER_LOCAL_ETCD;
    const external = await call(health.GET, "GET", "/api/v1/health");
    expect(external.status).toBe(503);
    expect(external.body.error.message, "an etcd not run by npm start").not.toMatch(/local etcd/);
  });
});
