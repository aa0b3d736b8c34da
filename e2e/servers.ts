import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** Repository root (the folder holding package.json and .next). */
export const ROOT = path.resolve(__dirname, "..");

/** A `next start` process serving the built app. */
export type NextServer = { url: string; pid: number; child: ChildProcess; logFile: string };

/**
 * Start `next start -p <port> -H 127.0.0.1` against the given etcd endpoints and wait until
 * `GET /api/v1/health` answers 200 (at most `timeoutMs`, default 60 s).
 * @throws with the tail of the server log when it exits or never becomes healthy
 */
export async function startNext(opts: {
  port: number;
  etcdEndpoints: string;
  logFile: string;
  timeoutMs?: number;
  /** Extra environment (security knobs such as ETCD_EXPLORER_TOKEN / _READ_ONLY). */
  env?: Record<string, string>;
}): Promise<NextServer> {
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    throw new Error("No production build found: run `npx next build` before the e2e tests.");
  }
  const log = fs.openSync(opts.logFile, "a");
  const child = spawn(
    path.join(ROOT, "node_modules", ".bin", "next"),
    ["start", "-p", String(opts.port), "-H", "127.0.0.1"],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        ...opts.env,
        ETCD_ENDPOINTS: opts.etcdEndpoints,
        NODE_ENV: "production",
      },
      stdio: ["ignore", log, log],
      detached: true,
    },
  );
  fs.closeSync(log);
  const url = `http://127.0.0.1:${opts.port}`;
  const server = { url, pid: child.pid ?? -1, child, logFile: opts.logFile };
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const token = opts.env?.ETCD_EXPLORER_TOKEN;
      const res = await fetch(`${url}/api/v1/health`, {
        signal: AbortSignal.timeout(2000),
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      if (res.ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  stopNext(server.pid);
  const tail = fs.readFileSync(opts.logFile, "utf8").split("\n").slice(-30).join("\n");
  throw new Error(
    `next start did not answer GET /api/v1/health with 200 (is the build current and etcd ` +
      `reachable at ${opts.etcdEndpoints}?). Server log:\n${tail}`,
  );
}

/** Stop a server started by {@link startNext}: `signal` (default SIGTERM) to its process group. */
export function stopNext(pid: number, signal: NodeJS.Signals = "SIGTERM"): void {
  if (pid <= 0) return;
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}
