// Real `etcdctl lock` / `etcdctl elect` processes for the lock tests and e2e specs: each holds a
// concurrency session (a lease kept alive by etcdctl) and prints its key once it holds the lock or
// leads. Stopped by PID only.
import { spawn } from "node:child_process";
import { ETCDCTL_BIN } from "./etcd-process.mjs";

/**
 * @typedef {object} EtcdctlProcess
 * @property {import('node:child_process').ChildProcess} child
 * @property {number} pid
 * @property {Promise<string>} acquired  resolves with the first stdout line (the key it holds or
 *   leads with) once etcdctl has the lock or leads; rejects if it exits first
 * @property {(signal?: NodeJS.Signals) => Promise<void>} stop  signal (default SIGKILL) by PID
 *   and wait for the exit; SIGKILL leaves the lease to expire, SIGTERM lets etcdctl revoke it
 */

/**
 * Start `etcdctl --endpoints=<endpoint> <args>` (e.g. `["lock", "--ttl=3", "name"]` or
 * `["elect", "name", "proposal"]`; etcdctl 3.4's elect has no --ttl: its lease lives 60 s).
 * @param {string} endpoint  client URL of etcd
 * @param {string[]} args
 * @returns {EtcdctlProcess}
 */
export function startEtcdctl(endpoint, args) {
  const child = spawn(ETCDCTL_BIN, [`--endpoints=${endpoint}`, ...args], {
    env: { ...process.env, ETCDCTL_API: "3" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (d) => (stderr += d));
  const acquired = new Promise((resolve, reject) => {
    let out = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (d) => {
      out += d;
      const nl = out.indexOf("\n");
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    child.once("exit", (code) => reject(new Error(`etcdctl exited (${code}) first: ${stderr}`)));
  });
  acquired.catch(() => {}); // a process stopped while waiting is not an unhandled rejection
  return {
    child,
    pid: child.pid ?? -1,
    acquired,
    async stop(signal = "SIGKILL") {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(child.pid ?? -1, signal);
      } catch {
        return;
      }
      await exited;
    },
  };
}
