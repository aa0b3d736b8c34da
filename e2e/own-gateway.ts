import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort, startEtcd } from "../scripts/lib/etcd-process.mjs";
import { startGateway, stopNext, type NextServer } from "./servers";

/** An etcd and a `next start` of this spec's own (nothing else writes to them). */
export type OwnGateway = {
  /** The etcd member's client URL. */
  etcdEndpoint: string;
  /** The etcd process's PID (for SIGSTOP / SIGCONT). */
  etcdPid: number;
  /** The gateway's base URL; it keeps its port across {@link OwnGateway.killNext}. */
  url: string;
  /** SIGKILL the gateway and wait until it has exited (open streams drop at once). */
  killNext: () => Promise<void>;
  /** Start the gateway again on the same port (waits until its health check passes). */
  restartNext: () => Promise<void>;
  /** Stop both (SIGCONT first, in case etcd was left stopped) and remove the temp dir. */
  stop: () => Promise<void>;
};

/**
 * Start a dedicated single-member etcd and a gateway on it, for specs that stop, freeze or
 * restart them: the shared ones serve every other spec running in parallel.
 * @param name  temp dir name part (logs land there)
 */
export async function startOwnGateway(name: string): Promise<OwnGateway> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `etcd-explorer-${name}-`));
  const etcd = await startEtcd({ dataDir: path.join(dir, "etcd") });
  const port = await freePort();
  let runs = 0;
  const start = () =>
    startGateway({
      port,
      etcdEndpoints: etcd.endpoint,
      logFile: path.join(dir, `next-${runs++}.log`),
    });
  let next: NextServer | null = null;
  try {
    next = await start();
  } catch (err) {
    await etcd.stop();
    throw err;
  }
  return {
    etcdEndpoint: etcd.endpoint,
    etcdPid: etcd.pid,
    url: next.url,
    async killNext() {
      stopNext(next!.pid, "SIGKILL");
      await next!.exited;
    },
    async restartNext() {
      next = await start();
    },
    async stop() {
      if (next) stopNext(next.pid);
      try {
        process.kill(etcd.pid, "SIGCONT");
      } catch {
        // already gone
      }
      await etcd.stop();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
