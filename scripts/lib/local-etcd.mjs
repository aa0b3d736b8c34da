// The local etcd `npm start` runs when no ETCD_ENDPOINTS is given: one member, data kept in
// .data/etcd across restarts, log in .data/etcd.log, PID in .data/etcd.pid.
import fs from "node:fs";
import path from "node:path";
import { freePort, portInUse, startEtcd } from "./etcd-process.mjs";

/**
 * @typedef {object} LocalEtcd
 * @property {import('./etcd-process.mjs').EtcdProcess} etcd  the running member
 * @property {boolean} fresh  true when the data dir was created by this start (seed it)
 * @property {import('./etcd-process.mjs').EtcdMemberSpec} member  its name and ports (pass it
 *   back to restart on the same ports)
 * @property {() => Promise<void>} stop  SIGTERM by PID, wait for exit, remove the PID file
 */

/**
 * Start (or restart on its kept data) the local single-member etcd under `dataRoot`.
 * Prefers the standard ports 2379/2380 when both are free, else takes free loopback ports.
 * Progress notifications every 5 s so idle watches get fresh resume points. If a previous
 * `npm start` died without stopping its etcd (PID file names a live etcd on this data dir),
 * that process is stopped first, since it holds the data dir's lock.
 * @param {string} dataRoot  e.g. "<repo>/.data"; etcd's data dir is dataRoot/etcd
 * @param {(stop: () => Promise<void>) => void} [onSpawn]  gets the stop function right after
 *   the spawn, before etcd is ready (so an interrupt during startup can still stop it)
 * @param {import('./etcd-process.mjs').EtcdMemberSpec} [member]  name and ports to use (a
 *   restart after a crash: the gateway keeps dialing the same URL); default as above
 * @returns {Promise<LocalEtcd>}
 * @throws Error when etcd exits early or isn't healthy within 20 s (the message names the log)
 */
export async function startLocalEtcd(dataRoot, onSpawn, member) {
  const dataDir = path.join(dataRoot, "etcd");
  const pidFile = path.join(dataRoot, "etcd.pid");
  fs.mkdirSync(dataRoot, { recursive: true });
  await stopStale(pidFile, dataDir);
  const fresh = !fs.existsSync(path.join(dataDir, "member"));
  member ??= await pickPorts();
  const etcd = await startEtcd({
    dataDir,
    member,
    logFile: path.join(dataRoot, "etcd.log"),
    progressNotifyInterval: "5s",
    // Own process group: Ctrl-C reaches only us, and we stop etcd after the gateway.
    detached: true,
    onSpawn(proc) {
      fs.writeFileSync(pidFile, `${proc.pid}\n`);
      onSpawn?.(() => stop(proc));
    },
  });
  return { etcd, fresh, member, stop: () => stop(etcd) };

  /** @param {import('./etcd-process.mjs').EtcdProcess} proc */
  async function stop(proc) {
    await proc.stop();
    fs.rmSync(pidFile, { force: true });
  }
}

/**
 * The standard ports 2379/2380 when both are free, else two free loopback ports.
 * @returns {Promise<import('./etcd-process.mjs').EtcdMemberSpec>}
 */
async function pickPorts() {
  const standard = !(await portInUse(2379)) && !(await portInUse(2380));
  return standard
    ? { name: "default", clientPort: 2379, peerPort: 2380 }
    : { name: "default", clientPort: await freePort(), peerPort: await freePort() };
}

/**
 * Stop an etcd left running by a previous start, but only if its command line shows it is
 * ours (it uses `dataDir`); a reused PID of some other process is left alone.
 * @param {string} pidFile
 * @param {string} dataDir
 */
async function stopStale(pidFile, dataDir) {
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").trim());
  let cmdline = "";
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    // not running any more
  }
  if (pid > 0 && cmdline.includes("etcd") && cmdline.includes(dataDir)) {
    console.log(`[start] stopping etcd left over from a previous run (pid ${pid})`);
    process.kill(pid, "SIGTERM");
    const deadline = Date.now() + 10_000;
    while (fs.existsSync(`/proc/${pid}`) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    if (fs.existsSync(`/proc/${pid}`)) process.kill(pid, "SIGKILL");
  }
  fs.rmSync(pidFile, { force: true });
}
