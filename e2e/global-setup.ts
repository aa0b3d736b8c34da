import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort, startEtcd } from "../scripts/lib/etcd-process.mjs";
import { startGateway } from "./servers";

/**
 * Start a real etcd (temp data dir, free loopback ports) and `next start` pointed at it, wait
 * until the gateway's health check passes, and hand BASE_URL / ETCD_ENDPOINTS to the tests
 * through process.env (workers inherit it). PIDs go to global-teardown the same way.
 */
export default async function globalSetup(): Promise<void> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "etcd-explorer-e2e-"));
  const etcd = await startEtcd({ dataDir: path.join(dir, "etcd") });
  let next;
  try {
    next = await startGateway({
      port: await freePort(),
      etcdEndpoints: etcd.endpoint,
      logFile: path.join(dir, "next.log"),
    });
  } catch (e) {
    await etcd.stop();
    throw e;
  }
  // The etcd child must not keep the runner alive, nor die with it before teardown.
  etcd.child.unref();
  next.child.unref();
  process.env.BASE_URL = next.url;
  process.env.ETCD_ENDPOINTS = etcd.endpoint;
  process.env.E2E_ETCD_PID = String(etcd.pid);
  process.env.E2E_NEXT_PID = String(next.pid);
  process.env.E2E_TMP_DIR = dir;
}
