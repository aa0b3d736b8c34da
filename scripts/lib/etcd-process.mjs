// Start and stop real etcd processes (Debian's /usr/bin/etcd) on free loopback ports.
// Shared by `npm start`, the test setups and the benchmarks, so every one of them runs etcd
// the same way. Processes are stopped by PID; nothing here ever fakes etcd.
import { spawn } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import net from "node:net";
import path from "node:path";

/** Path of the etcd binary (override with ETCD_BIN). */
export const ETCD_BIN = process.env.ETCD_BIN || "/usr/bin/etcd";
/** Path of the etcdctl binary (override with ETCDCTL_BIN). */
export const ETCDCTL_BIN = process.env.ETCDCTL_BIN || "/usr/bin/etcdctl";

/**
 * Find a free TCP port on 127.0.0.1 (the OS picks it; closed again before returning).
 * @returns {Promise<number>}
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === "object" && addr ? addr.port : 0));
    });
  });
}

/**
 * Whether something accepts TCP connections on 127.0.0.1:port.
 * @param {number} port
 * @returns {Promise<boolean>}
 */
export function portInUse(port) {
  return new Promise((resolve) => {
    const sock = net.connect({ host: "127.0.0.1", port });
    sock.once("connect", () => (sock.destroy(), resolve(true)));
    sock.once("error", () => resolve(false));
  });
}

/**
 * @typedef {object} EtcdMemberSpec
 * @property {string} name        member name
 * @property {number} clientPort  loopback port for clients
 * @property {number} peerPort    loopback port for raft peers
 */

/**
 * @typedef {object} EtcdTls  PEM files for TLS on the client URLs (peer traffic stays plain http)
 * @property {string} certFile         server certificate; needs SAN IP:127.0.0.1 and, with
 *   clientCertAuth, the clientAuth usage too (etcd's own gateway dials itself with it)
 * @property {string} keyFile          its private key
 * @property {string} caFile           CA that signed certFile (the readiness check verifies etcd
 *   with it); with clientCertAuth also the CA etcd trusts client certificates from
 * @property {boolean} [clientCertAuth] require a client certificate signed by caFile (mTLS)
 * @property {string} [clientCertFile] client certificate for the readiness check (mTLS)
 * @property {string} [clientKeyFile]  its key
 */

/**
 * @typedef {object} EtcdProcess
 * @property {string} name
 * @property {string} endpoint    client URL, e.g. http://127.0.0.1:23791 (https:// with tls)
 * @property {string} dataDir
 * @property {number} pid
 * @property {import('node:child_process').ChildProcess} child
 * @property {(signal?: NodeJS.Signals) => Promise<void>} stop  signal (default SIGTERM) by PID, wait for exit
 */

/**
 * Start one etcd member and wait until it answers `/health`.
 * @param {object} opts
 * @param {string} opts.dataDir                 data directory (kept if it exists: restart)
 * @param {EtcdMemberSpec} [opts.member]        ports and name; free ports when omitted
 * @param {EtcdMemberSpec[]} [opts.cluster]     all members, for a multi-member cluster
 * @param {string} [opts.logFile]               where etcd's log goes (default: dataDir + ".log")
 * @param {string} [opts.progressNotifyInterval] e.g. "5s" (etcd's default is 10m)
 * @param {string[]} [opts.extraArgs]
 * @param {EtcdTls} [opts.tls]                  serve clients over https (mTLS with clientCertAuth)
 * @param {number} [opts.readyTimeoutMs]        default 20000
 * @param {boolean} [opts.detached]             own process group: a terminal's Ctrl-C doesn't reach it
 * @param {(proc: EtcdProcess) => void} [opts.onSpawn] called right after the spawn, before it is
 *   ready (register the stop there so an interrupt during startup can't orphan etcd)
 * @returns {Promise<EtcdProcess>}
 */
export async function startEtcd(opts) {
  const member = opts.member ?? {
    name: "default",
    clientPort: await freePort(),
    peerPort: await freePort(),
  };
  const cluster = opts.cluster ?? [member];
  const tls = opts.tls;
  const clientUrl = `${tls ? "https" : "http"}://127.0.0.1:${member.clientPort}`;
  const peerUrl = `http://127.0.0.1:${member.peerPort}`;
  const existing = fs.existsSync(path.join(opts.dataDir, "member"));
  fs.mkdirSync(path.dirname(opts.dataDir), { recursive: true });
  // prettier-ignore
  const args = [
    "--name", member.name,
    "--data-dir", opts.dataDir,
    "--listen-client-urls", clientUrl,
    "--advertise-client-urls", clientUrl,
    "--listen-peer-urls", peerUrl,
    "--initial-advertise-peer-urls", peerUrl,
    "--initial-cluster", cluster.map((m) => `${m.name}=http://127.0.0.1:${m.peerPort}`).join(","),
    "--initial-cluster-state", existing ? "existing" : "new",
    "--initial-cluster-token", `etcd-explorer-${cluster.map((m) => m.peerPort).join("-")}`,
    "--experimental-watch-progress-notify-interval", opts.progressNotifyInterval ?? "5s",
    "--logger", "zap",
    ...(tls ? tlsArgs(tls) : []),
    ...(opts.extraArgs ?? []),
  ];
  const logFile = opts.logFile ?? `${opts.dataDir}.log`;
  const log = fs.openSync(logFile, "a");
  const child = spawn(ETCD_BIN, args, {
    stdio: ["ignore", log, log],
    detached: opts.detached ?? false,
  });
  fs.closeSync(log);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  /** @type {EtcdProcess} */
  const proc = {
    name: member.name,
    endpoint: clientUrl,
    dataDir: opts.dataDir,
    pid: child.pid ?? -1,
    child,
    async stop(signal = "SIGTERM") {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(proc.pid, signal);
      } catch {
        return;
      }
      await exited;
    },
  };
  opts.onSpawn?.(proc);
  // A single member is ready when /health says so; cluster members only once quorum exists,
  // so for those we wait for the client port only and let the caller wait for the cluster.
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 20_000);
  const single = cluster.length === 1;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`etcd exited with code ${child.exitCode}; see ${logFile}`);
    }
    if (single ? await healthy(clientUrl, tls) : await portInUse(member.clientPort)) return proc;
    await new Promise((r) => setTimeout(r, 100));
  }
  await proc.stop("SIGKILL");
  throw new Error(`etcd did not become ready within the timeout; see ${logFile}`);
}

/** @param {EtcdTls} tls @returns {string[]} etcd flags for TLS on the client URLs */
function tlsArgs(tls) {
  // prettier-ignore
  return [
    "--cert-file", tls.certFile,
    "--key-file", tls.keyFile,
    // etcd (3.4 at least) requires a client certificate from everyone as soon as it has a
    // --trusted-ca-file, whatever --client-cert-auth says, so plain TLS must go without one.
    ...(tls.clientCertAuth ? ["--trusted-ca-file", tls.caFile, "--client-cert-auth"] : []),
  ];
}

/**
 * Whether the etcd at `clientUrl` reports itself healthy (HTTP GET /health).
 * @param {string} clientUrl
 * @param {EtcdTls} [tls]  for an https:// URL: the CA to verify etcd with and, for mTLS, the
 *   client certificate to present (fetch can't take either, so node:https does the request)
 * @returns {Promise<boolean>}
 */
export async function healthy(clientUrl, tls) {
  if (tls) return healthyOverTls(clientUrl, tls);
  try {
    const res = await fetch(`${clientUrl}/health`, { signal: AbortSignal.timeout(1000) });
    if (!res.ok) return false;
    const body = await res.json();
    return body.health === "true";
  } catch {
    return false;
  }
}

/**
 * @param {string} clientUrl
 * @param {EtcdTls} tls
 * @returns {Promise<boolean>}
 */
function healthyOverTls(clientUrl, tls) {
  return new Promise((resolve) => {
    const req = https.get(
      `${clientUrl}/health`,
      {
        ca: fs.readFileSync(tls.caFile),
        cert: tls.clientCertFile ? fs.readFileSync(tls.clientCertFile) : undefined,
        key: tls.clientKeyFile ? fs.readFileSync(tls.clientKeyFile) : undefined,
        timeout: 1000,
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => {
          try {
            resolve(res.statusCode === 200 && JSON.parse(body).health === "true");
          } catch {
            resolve(false);
          }
        });
        res.on("error", () => resolve(false));
      },
    );
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(false));
  });
}

/**
 * Index of the first member with an open watch stream, by its Prometheus gauge
 * `etcd_debugging_mvcc_watch_stream_total` (plain-http members only), or -1. Where only the
 * gateway watches, that is the member serving the gateway's watch — the one failover tests kill.
 * @param {EtcdProcess[]} members
 * @returns {Promise<number>}
 */
export async function memberServingWatch(members) {
  for (const [i, m] of members.entries()) {
    if (m.child.exitCode !== null || m.child.signalCode !== null) continue;
    const text = await (await fetch(`${m.endpoint}/metrics`)).text();
    const gauge = "etcd_debugging_mvcc_watch_stream_total ";
    const line = text.split("\n").find((l) => l.startsWith(gauge));
    if (line && Number(line.slice(gauge.length)) > 0) return i;
  }
  return -1;
}

/**
 * Start an n-member cluster on free loopback ports and wait until it has a leader.
 * @param {object} opts
 * @param {string} opts.baseDir       each member's data dir is baseDir/<name>
 * @param {number} [opts.size]        default 3
 * @param {string} [opts.progressNotifyInterval]
 * @returns {Promise<{members: EtcdProcess[], specs: EtcdMemberSpec[], endpoints: string[], restart: (i: number) => Promise<EtcdProcess>, stop: () => Promise<void>}>}
 *   `restart(i)` starts member i again from its data dir (same ports; it rejoins with
 *   `--initial-cluster-state existing`), replaces it in `members` and resolves once it answers
 *   `/health`; `stop()` stops the current members.
 */
export async function startCluster(opts) {
  const size = opts.size ?? 3;
  /** @type {EtcdMemberSpec[]} */
  const specs = [];
  for (let i = 1; i <= size; i++) {
    specs.push({ name: `m${i}`, clientPort: await freePort(), peerPort: await freePort() });
  }
  const members = await Promise.all(
    specs.map((member) =>
      startEtcd({
        dataDir: path.join(opts.baseDir, member.name),
        member,
        cluster: specs,
        progressNotifyInterval: opts.progressNotifyInterval,
      }),
    ),
  );
  const deadline = Date.now() + 30_000;
  while (!(await healthy(members[0].endpoint))) {
    if (Date.now() > deadline) throw new Error("cluster did not elect a leader in 30 s");
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    members,
    specs,
    endpoints: members.map((m) => m.endpoint),
    restart: async (i) =>
      (members[i] = await startEtcd({
        dataDir: path.join(opts.baseDir, specs[i].name),
        member: specs[i],
        cluster: specs,
        progressNotifyInterval: opts.progressNotifyInterval,
      })),
    stop: async () => void (await Promise.all(members.map((m) => m.stop()))),
  };
}
