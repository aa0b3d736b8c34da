import fs from "node:fs/promises";
import { stopNext } from "./servers";

/** Stop the `next start` and etcd processes global-setup started (by PID) and remove the temp dir. */
export default async function globalTeardown(): Promise<void> {
  stopNext(Number(process.env.E2E_NEXT_PID ?? 0));
  const etcdPid = Number(process.env.E2E_ETCD_PID ?? 0);
  if (etcdPid > 0) {
    try {
      process.kill(etcdPid, "SIGTERM");
    } catch {
      // already gone
    }
    // Give etcd a moment to release its data dir before removing it.
    for (let i = 0; i < 50 && alive(etcdPid); i++) await new Promise((r) => setTimeout(r, 100));
  }
  if (process.env.E2E_TMP_DIR) {
    await fs.rm(process.env.E2E_TMP_DIR, { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
