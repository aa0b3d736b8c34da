// Run the built gateway (`next start`) as a child process and stop it again by PID. The one
// launcher for `npm start`, the benches and the e2e tests.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { portInUse } from "./etcd-process.mjs";

/**
 * @typedef {object} NextServer
 * @property {number} pid
 * @property {string} url        where to reach it from this machine, e.g. http://127.0.0.1:3000
 * @property {import('node:child_process').ChildProcess} child  the `next start` process (e.g. to
 *   `unref()` it when another process will stop it by PID)
 * @property {Promise<number>} exited  resolves with the exit code (128+n for a signal)
 * @property {() => Promise<void>} stop  SIGTERM to its process group, SIGKILL after 10 s
 */

/**
 * @typedef {object} ReadyCheck
 * @property {string} path  e.g. "/api/v1/health": ready once a GET of it answers 200
 * @property {Record<string, string>} [headers]  sent with the probe (e.g. a bearer token)
 */

/**
 * Start `next start` on `host:port` and wait until it is ready: by default until it answers HTTP
 * at all (any status); with `readyCheck`, until `GET readyCheck.path` answers 200.
 * @param {object} opts
 * @param {string} opts.root            repo root (has node_modules/.bin/next and a .next build)
 * @param {string} opts.host            interface to listen on, e.g. "127.0.0.1" or "0.0.0.0"
 * @param {number} opts.port
 * @param {NodeJS.ProcessEnv} opts.env  full environment for the server (ETCD_ENDPOINTS, ...)
 * @param {string} [opts.logFile]       send its output there instead of this terminal; its tail
 *   is quoted in the error when the server never gets ready
 * @param {number} [opts.readyTimeoutMs] default 60000
 * @param {ReadyCheck} [opts.readyCheck]
 * @param {(server: NextServer) => void} [opts.onSpawn]  called right after the spawn, before
 *   it is ready: register the stop there so a Ctrl-C during startup can't orphan the process
 * @returns {Promise<NextServer>}
 * @throws Error when there is no build, the port is taken, it exits before it is ready, or it
 *   isn't ready in time (the process group is stopped first)
 */
export async function startNext(opts) {
  if (!fs.existsSync(path.join(opts.root, ".next", "BUILD_ID"))) {
    throw new Error(`No production build in ${opts.root}/.next: run \`npx next build\` first.`);
  }
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
    child,
    exited,
    async stop() {
      if (done) return;
      if (!stopNext(pid)) return;
      const timer = setTimeout(() => stopNext(pid, "SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
  opts.onSpawn?.(server);
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 60_000);
  while (Date.now() < deadline && !done) {
    if (await isReady(url, opts.readyCheck)) {
      if (!done) return server;
    } else {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const why = done
    ? `next start exited with code ${await exited} before it was ready`
    : opts.readyCheck
      ? `next start did not answer GET ${opts.readyCheck.path} with 200 on ${url} in time ` +
        `(is the build current and etcd reachable at ${opts.env.ETCD_ENDPOINTS}?)`
      : `next start did not answer on ${url} within the timeout`;
  await server.stop();
  throw new Error(opts.logFile ? `${why}. Server log:\n${logTail(opts.logFile)}` : why);
}

/**
 * Send `signal` to the process group of a server {@link startNext} started (falling back to the
 * process alone), e.g. from another process that only knows its PID.
 * @param {number} pid
 * @param {NodeJS.Signals} [signal]  default SIGTERM
 * @returns {boolean} whether a process was there to signal
 */
export function stopNext(pid, signal = "SIGTERM") {
  if (pid <= 0) return false;
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, signal);
      return true;
    } catch {
      // no such group (or process): try the next, else it is already gone
    }
  }
  return false;
}

/**
 * @param {string} url
 * @param {ReadyCheck | undefined} check
 * @returns {Promise<boolean>}
 */
async function isReady(url, check) {
  try {
    const res = await fetch(`${url}${check?.path ?? ""}`, {
      signal: AbortSignal.timeout(2000),
      redirect: "manual",
      headers: check?.headers ?? {},
    });
    await res.body?.cancel();
    return !check || res.status === 200;
  } catch {
    return false; // not listening yet
  }
}

/** @param {string} file @returns {string} its last 30 lines */
function logTail(file) {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-30).join("\n");
  } catch {
    return "(no log)";
  }
}

/** @param {NodeJS.Signals | null} signal */
function signalNumber(signal) {
  return signal ? (os.constants.signals[signal] ?? 1) : 1;
}
