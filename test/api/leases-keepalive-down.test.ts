import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Etcd3 } from "etcd3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as keepalive from "@/app/api/v1/leases/[id]/keepalive/route";
import { freePort, startEtcd } from "../../scripts/lib/etcd-process.mjs";

// This file gets an etcd of its own, which it freezes (SIGSTOP) and stops.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "leases-keepalive-down-"));
const holder = globalThis as { __etcdExplorerClients?: unknown };
let etcd: Awaited<ReturnType<typeof startEtcd>>;
let leaseId = "";

beforeAll(async () => {
  const member = { name: "ka", clientPort: await freePort(), peerPort: await freePort() };
  etcd = await startEtcd({ dataDir: path.join(dir, "etcd"), member });
  delete holder.__etcdExplorerClients;
  process.env.ETCD_ENDPOINTS = etcd.endpoint;
  const raw = new Etcd3({ hosts: etcd.endpoint });
  const granted = await raw.leaseClient.leaseGrant({ TTL: 600 });
  leaseId = BigInt(granted.ID).toString(16).padStart(16, "0");
  raw.close();
});
afterAll(async () => {
  try {
    process.kill(etcd.pid, "SIGCONT");
  } catch {
    // already stopped
  }
  await etcd.stop();
  delete holder.__etcdExplorerClients;
  fs.rmSync(dir, { recursive: true, force: true });
});

/** `POST /api/v1/leases/{leaseId}/keepalive` as Next would call it. */
async function renew(): Promise<{ status: number; body: any }> {
  const req = new Request(`http://127.0.0.1/api/v1/leases/${leaseId}/keepalive`, {
    method: "POST",
  });
  const res = await keepalive.POST(req, { params: Promise.resolve({ id: leaseId }) });
  return { status: res.status, body: await res.json() };
}

describe("POST /api/v1/leases/{id}/keepalive when etcd fails", () => {
  it("renews while etcd is up", async () => {
    const res = await renew();
    expect(res.status).toBe(200);
    expect(res.body.ttl).toBe(600);
  });

  it("answers 504 etcd_timeout (not 500) while etcd is frozen", async () => {
    process.kill(etcd.pid, "SIGSTOP");
    try {
      const started = Date.now();
      const res = await renew();
      expect(res.status, JSON.stringify(res.body)).toBe(504);
      expect(res.body.error.code).toBe("etcd_timeout");
      expect(res.body.error.message).toMatch(/may or may not/);
      // The route's deadline is 5 s; a loaded machine gets generous slack.
      expect(Date.now() - started).toBeLessThan(20_000);
    } finally {
      process.kill(etcd.pid, "SIGCONT");
    }
  });

  it("answers 503 etcd_unavailable (not 500) once etcd is stopped", async () => {
    expect((await renew()).status, "etcd answers again after SIGCONT").toBe(200);
    await etcd.stop();
    const res = await renew();
    expect(res.status, JSON.stringify(res.body)).toBe(503);
    expect(res.body.error.code).toBe("etcd_unavailable");
  });
});
