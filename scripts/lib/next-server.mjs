// Run the built gateway (`next start`) as a child process and stop it again by PID.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { portInUse } from "./etcd-process.mjs";

/**
 * @typedef {object} NextServer
 * @property {number} pid
 * @property {string} url        where to reach it from this machine, e.g. http://127.0.0.1:3000
 * @property {Promise<number>} exited  resolves with the exit code (128+n for a signal)
 * @property {() => Promise<void>} stop  SIGTERM to its process group, SIGKILL after 10 s
 */

/**
 * Start `next start` on `host:port` and wait until it answers HTTP (any status).
 * @param {object} opts
 * @param {string} opts.root            repo root (has node_modules/.bin/next and a .next build)
 * @param {string} opts.host            interface to listen on, e.g. "127.0.0.1" or "0.0.0.0"
 * @param {number} opts.port
 * @param {NodeJS.ProcessEnv} opts.env  full environment for the server (ETCD_ENDPOINTS, ...)
 * @param {string} [opts.logFile]       send its output there instead of this terminal
 * @param {number} [opts.readyTimeoutMs] default 60000
 * @param {(server: NextServer) => void} [opts.onSpawn]  called right after the spawn, before
 *   it is ready: register the stop there so a Ctrl-C during startup can't orphan the process
 * @returns {Promise<NextServer>}
 * @throws Error when the port is taken, it exits before listening, or isn't up in time
 */
export async function startNext(opts) {
  // Checked first: otherwise whatever already listens there would answer our readiness probe.
  if (await portInUse(opts.port)) {
    throw new Error(
      `port ${opts.port} is already in use; set PORT to a free port (e.g. PORT=${opts.port + 1})`,
    );
  }
  let stdio = /** @type {import('node:child_process').StdioOptions} */ ([
    "ignore",
    "inherit",
    "inherit",
  ]);
  let log = -1;
  if (opts.logFile) {
    log = fs.openSync(opts.logFile, "a");
    stdio = ["ignore", log, log];
  }
  const bin = path.join(opts.root, "node_modules", ".bin", "next");
  const child = spawn(bin, ["start", "-H", opts.host, "-p", String(opts.port)], {
    cwd: opts.root,
    env: opts.env,
    stdio,
    // Own process group: a terminal's Ctrl-C reaches only our script, which stops us in order;
    // stop() signals the whole group so any worker next forks goes too.
    detached: true,
  });
  if (log >= 0) fs.closeSync(log);
  const pid = child.pid ?? -1;
  /** @type {Promise<number>} */
  const exited = new Promise((resolve) =>
    child.once("exit", (code, signal) => resolve(code ?? 128 + signalNumber(signal))),
  );
  let done = false;
  exited.then(() => (done = true));
  const connectHost = opts.host === "0.0.0.0" || opts.host === "::" ? "127.0.0.1" : opts.host;
  const url = `http://${connectHost.includes(":") ? `[${connectHost}]` : connectHost}:${opts.port}`;
  /** @type {NextServer} */
  const server = {
    pid,
    url,
    exited,
    async stop() {
      if (done) return;
      try {
        process.kill(-pid, "SIGTERM");
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-pid, "SIGKILL");
        } catch {
          // already gone
        }
      }, 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
  opts.onSpawn?.(server);
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (done) throw new Error(`next start exited with code ${await exited} before listening`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(2000), redirect: "manual" });
      if (!done) return server;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  await server.stop();
  throw new Error(`next start did not answer on ${url} within the timeout`);
}

/** @param {NodeJS.Signals | null} signal */
function signalNumber(signal) {
  return signal ? (os.constants.signals[signal] ?? 1) : 1;
}
