// `npm start`: serve etcd Explorer. With no ETCD_ENDPOINTS (or ETCDCTL_ENDPOINTS) it runs a
// local etcd in .data/ (demo data on first start) and keeps it running: if that etcd dies, the
// app stays up and etcd is restarted with backoff. It builds the app if needed, runs
// `next start` on HOST:PORT (default 127.0.0.1:3000) and stops everything on Ctrl-C / SIGTERM.
// ETCD_EXPLORER_DATA_DIR moves .data/ elsewhere; ETCD_EXPLORER_SKIP_BUILD=1 serves the existing
// build as it is (no rebuild when sources changed).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureEtcd } from "./lib/ensure-deps.mjs";
import { portInUse } from "./lib/etcd-process.mjs";
import { superviseEtcd } from "./lib/etcd-supervisor.mjs";
import { startLocalEtcd } from "./lib/local-etcd.mjs";
import { buildReason, ensureBuild } from "./lib/next-build.mjs";
import { startNext } from "./lib/next-server.mjs";
import { Etcd3 } from "etcd3";
import { registerDemoServices, seedDemo } from "./lib/seed-demo.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DATA = process.env.ETCD_EXPLORER_DATA_DIR
  ? path.resolve(process.env.ETCD_EXPLORER_DATA_DIR)
  : path.join(ROOT, ".data");
/** How log lines name the data dir: `.data` by default, else the path given. */
const DATA_SHOWN = process.env.ETCD_EXPLORER_DATA_DIR ? DATA : ".data";
const SEEDED_MARKER = path.join(DATA, "demo-seeded");
const host = process.env.HOST || "127.0.0.1";
const port = Number(process.env.PORT || 3000);

/** Cleanup steps, run in reverse order on exit: gateway first, etcd last. */
/** @type {(() => Promise<void>)[]} */
const cleanups = [];
let stopping = false;

/** @param {number} code */
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  if (cleanups.length) console.log("[start] stopping…");
  for (const step of cleanups.reverse()) {
    await step().catch((err) => console.error(`[start] while stopping: ${err.message}`));
  }
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
process.on("SIGHUP", () => void shutdown(0));

/**
 * Start the local etcd under supervision (restarted with backoff on the same ports and data
 * dir if it dies), seed or re-register the demo, and return its endpoint.
 * @returns {Promise<string>} the client URL for ETCD_ENDPOINTS
 * @throws Error when the first start fails (then nothing is retried)
 */
async function localEtcd() {
  /** @type {import('./lib/etcd-process.mjs').EtcdMemberSpec | undefined} */
  let member;
  let fresh = false;
  const supervisor = superviseEtcd({
    start: async (onSpawn) => {
      const local = await startLocalEtcd(DATA, onSpawn, member);
      if (!member) [member, fresh] = [local.member, local.fresh];
      return local.etcd;
    },
    log: (line) => console.error(line),
  });
  cleanups.push(() => supervisor.stop());
  const etcd = await supervisor.ready;
  const { endpoint } = etcd;
  console.log(
    `[start] local etcd ${endpoint} (pid ${etcd.pid}, data in ${DATA_SHOWN}/etcd, log in ${DATA_SHOWN}/etcd.log)`,
  );
  const seeded = fs.existsSync(SEEDED_MARKER);
  const client = new Etcd3({ hosts: [endpoint] });
  cleanups.push(async () => client.close());
  // Fresh data dir (or a first start that died before seeding finished): write the demo.
  if (fresh || (!seeded && (await client.getAll().count()) === 0)) {
    await seedDemo(client);
    fs.writeFileSync(SEEDED_MARKER, `${new Date().toISOString()}\n`);
    console.log(
      `[start] new data dir: wrote the demo keyspace (delete ${DATA_SHOWN}/ to start over)`,
    );
  }
  if (fs.existsSync(SEEDED_MARKER)) {
    const registration = await registerDemoServices(client);
    console.log(
      `[start] demo services registered on ${registration.leases.length} kept-alive leases`,
    );
    // Revoke on exit (2 s at most) so the instances vanish with the app.
    cleanups.push(() =>
      Promise.race([registration.close(), new Promise((r) => setTimeout(r, 2000))]),
    );
  }
  return endpoint;
}

/**
 * Safe default: a gateway that can write to etcd must not be reachable from the network without
 * a token. Loopback hosts are fine; anything else needs ETCD_EXPLORER_TOKEN or an explicit
 * ETCD_EXPLORER_INSECURE=1.
 */
function checkExposure() {
  const loopback = ["127.0.0.1", "localhost", "::1", "[::1]"].includes(host.toLowerCase());
  if (loopback || host.startsWith("127.") || process.env.ETCD_EXPLORER_TOKEN) return;
  if (process.env.ETCD_EXPLORER_INSECURE === "1") {
    console.warn(
      `[start] WARNING: listening on ${host} without an access token (ETCD_EXPLORER_INSECURE=1)`,
    );
    return;
  }
  throw new Error(
    `refusing to listen on HOST=${host} without an access token: anyone who can reach this ` +
      `address could read and write your etcd cluster. Set ETCD_EXPLORER_TOKEN=<secret> ` +
      `(and ETCD_EXPLORER_ALLOWED_HOSTS=<the name clients use>), or ETCD_EXPLORER_INSECURE=1 ` +
      `if something else protects it.`,
  );
}

/** A specific (non-wildcard) HOST is a name clients will send in `Host`: allow it. */
function hostsEnv() {
  if (["0.0.0.0", "::", "[::]"].includes(host)) return {};
  const given = process.env.ETCD_EXPLORER_ALLOWED_HOSTS;
  return { ETCD_EXPLORER_ALLOWED_HOSTS: given ? `${given},${host}` : host };
}

async function main() {
  checkExposure();
  const given = process.env.ETCD_ENDPOINTS || process.env.ETCDCTL_ENDPOINTS;
  if (!given) ensureEtcd();
  // Build first: a failed build then leaves nothing running.
  if (process.env.ETCD_EXPLORER_SKIP_BUILD === "1") {
    const reason = buildReason(ROOT);
    if (reason === "no build yet") throw new Error("no build yet (ETCD_EXPLORER_SKIP_BUILD=1)");
    if (reason) console.warn(`[start] serving the existing build although ${reason}`);
  } else ensureBuild(ROOT, "start");
  if (await portInUse(port))
    throw new Error(`port ${port} is already in use; set PORT to a free one`);
  const endpoints = given || (await localEtcd());
  if (given) console.log(`[start] using etcd at ${given}`);
  if (stopping) return;
  const server = await startNext({
    root: ROOT,
    host,
    port,
    env: {
      ...process.env,
      ETCD_ENDPOINTS: endpoints,
      NODE_ENV: "production",
      ...hostsEnv(),
      // Lets the gateway say "local etcd restarting" while ours is down (lib/etcd/local-etcd-note.ts).
      ...(given ? {} : { ETCD_EXPLORER_LOCAL_ETCD: "supervised" }),
    },
    onSpawn: (s) => cleanups.push(() => s.stop()),
  });
  const where = server.url.includes(host) ? "" : ` (listening on ${host})`;
  console.log(`\n  etcd Explorer is running at ${server.url}${where}\n  Press Ctrl-C to stop.\n`);
  const code = await server.exited;
  if (!stopping) {
    console.error(`[start] next start exited (code ${code})`);
    await shutdown(code || 1);
  }
}

main().catch(async (err) => {
  console.error(`[start] ${err instanceof Error ? err.message : err}`);
  await shutdown(1);
});
