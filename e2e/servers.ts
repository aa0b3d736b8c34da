import path from "node:path";
import { startNext, stopNext, type NextServer } from "../scripts/lib/next-server.mjs";

export { stopNext, type NextServer };

/** Repository root (the folder holding package.json and .next). */
export const ROOT = path.resolve(__dirname, "..");

/**
 * Start the built gateway for a spec: `next start -H 127.0.0.1 -p <port>` (scripts/lib's
 * {@link startNext}) in production mode against `etcdEndpoints`, ready once
 * `GET /api/v1/health` answers 200 (with the bearer token when `env` sets
 * ETCD_EXPLORER_TOKEN), at most `timeoutMs` (default 60 s).
 * Stop it with `server.stop()`, or {@link stopNext} by PID.
 * @throws with the tail of the server log when there is no build, or it exits or never gets
 *   healthy
 */
export function startGateway(opts: {
  port: number;
  etcdEndpoints: string;
  logFile: string;
  timeoutMs?: number;
  /** Extra environment (security knobs such as ETCD_EXPLORER_TOKEN / _READ_ONLY). */
  env?: Record<string, string>;
}): Promise<NextServer> {
  const token = opts.env?.ETCD_EXPLORER_TOKEN;
  return startNext({
    root: ROOT,
    host: "127.0.0.1",
    port: opts.port,
    env: {
      ...process.env,
      ...opts.env,
      ETCD_ENDPOINTS: opts.etcdEndpoints,
      NODE_ENV: "production",
    },
    logFile: opts.logFile,
    readyTimeoutMs: opts.timeoutMs,
    readyCheck: {
      path: "/api/v1/health",
      headers: token ? { authorization: `Bearer ${token}` } : {},
    },
  });
}
