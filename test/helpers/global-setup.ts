import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEtcd } from "../../scripts/lib/etcd-process.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    etcdEndpoint: string;
  }
}

/** Start one real etcd for the whole run (each test uses its own key prefix); stop it by PID. */
export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "etcd-explorer-test-"));
  const etcd = await startEtcd({ dataDir: path.join(dir, "etcd"), progressNotifyInterval: "1s" });
  project.provide("etcdEndpoint", etcd.endpoint);
  return async () => {
    await etcd.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
