// The built gateway (`next start`) for a benchmark, on its own etcd only.
import path from "node:path";
import { freePort } from "../../scripts/lib/etcd-process.mjs";
import { startNext } from "../../scripts/lib/next-server.mjs";

/**
 * Start `next start` of the build in `root` on a free loopback port, talking to `etcdEndpoint`
 * only: the caller's ETCD_* / ETCDCTL_* settings are dropped, so a bench never measures another
 * cluster. Logs to `<tmp>/next.log`; its stop is pushed onto `cleanups` as soon as it spawns.
 * @param {{root: string, tmp: string, etcdEndpoint: string, cleanups: (() => unknown)[]}} opts
 * @returns {Promise<{url: string, pid: number, stop: () => Promise<void>}>}
 */
export async function startBenchGateway({ root, tmp, etcdEndpoint, cleanups }) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^ETCD(CTL)?_/.test(k)),
  );
  return startNext({
    root,
    host: "127.0.0.1",
    port: await freePort(),
    env: { ...env, ETCD_ENDPOINTS: etcdEndpoint, NODE_ENV: "production" },
    logFile: path.join(tmp, "next.log"),
    onSpawn: (s) => cleanups.push(() => s.stop()),
  });
}
