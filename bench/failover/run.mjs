// `npm run bench:failover [-- --cycles N]`: what users of the gateway see while etcd members die.
// A 3-member cluster and a real `next start` with all three endpoints; readers (GET /kv every
// ~10 ms), a writer (PUT /kv back to back) and an SSE watch on the prefix run throughout. Each
// cycle SIGKILLs one member (the leader first, then the member serving the gateway's watch, then
// in turn), keeps the traffic on for BENCH_HOLD_MS, restarts the member and waits for a green
// cluster. Prints per-cycle figures, p50/max, and the SSE's lost/duplicated revisions.
// Stops everything by PID. Prints figures; never fails on time.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Etcd3 } from "etcd3";
import { ensureEtcd } from "../../scripts/lib/ensure-deps.mjs";
import { freePort, memberServingWatch, startCluster } from "../../scripts/lib/etcd-process.mjs";
import { ensureBuild } from "../../scripts/lib/next-build.mjs";
import { startNext } from "../../scripts/lib/next-server.mjs";
import { compareRevisions, cycleFigures, percentile } from "./measure.mjs";
import { openSseLog } from "./sse-log.mjs";
import { startTraffic } from "./traffic.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const flag = process.argv.indexOf("--cycles");
const CYCLES = Number(flag > 0 ? process.argv[flag + 1] : (process.env.BENCH_CYCLES ?? 5));
const HOLD_MS = Number(process.env.BENCH_HOLD_MS ?? 6_000);
const READERS = Number(process.env.BENCH_READERS ?? 4);
const PREFIX = "/bench/failover/";

const cleanups = /** @type {(() => Promise<unknown>)[]} */ ([]);
const cleanup = async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
};
process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  ensureEtcd();
  ensureBuild(ROOT, "bench:failover");
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "etcd-explorer-bench-failover-"));
  cleanups.push(async () => fs.rmSync(tmp, { recursive: true, force: true }));
  const cluster = await startCluster({ baseDir: tmp, progressNotifyInterval: "1s" });
  cleanups.push(() => cluster.stop());
  const gateway = await startNext({
    root: ROOT,
    host: "127.0.0.1",
    port: await freePort(),
    env: { ...process.env, ETCD_ENDPOINTS: cluster.endpoints.join(","), NODE_ENV: "production" },
    logFile: path.join(tmp, "next.log"),
  });
  cleanups.push(() => gateway.stop());
  const api = (p) => `${gateway.url}/api/v1${p}`;
  const getCluster = async () => {
    try {
      return await (await fetch(api("/cluster"), { signal: AbortSignal.timeout(5_000) })).json();
    } catch {
      return undefined;
    }
  };

  await fetch(api("/kv"), {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ key: `${PREFIX}probe`, value: "probe" }),
  });
  const sse = openSseLog(api(`/watch?prefix=${encodeURIComponent(PREFIX)}`));
  cleanups.push(async () => sse.close());
  await sse.ready;
  const traffic = startTraffic({
    url: gateway.url,
    prefix: PREFIX,
    readers: READERS,
    readEveryMs: 10,
  });
  cleanups.push(() => traffic.stop());

  const rows = [];
  for (let cycle = 0; cycle < CYCLES; cycle++) {
    await sleep(1_500);
    const { index, why } = await pickVictim(cycle, cluster, await getCluster());
    const victim = cluster.members[index];
    const kill = Date.now();
    await victim.stop("SIGKILL");
    await sleep(HOLD_MS);
    const restartAt = Date.now();
    const spec = cluster.specs[index];
    await cluster.restart(index);
    let green = NaN;
    for (const end = Date.now() + 30_000; Date.now() < end; await sleep(200)) {
      const c = await getCluster();
      if (c?.leader && c.members.every((m) => !m.error && m.status && !m.status.errors.length)) {
        green = Date.now() - restartAt;
        break;
      }
    }
    const f = cycleFigures(traffic.reads, traffic.writes, kill, restartAt);
    rows.push({ cycle: cycle + 1, member: `${spec.name} (${why})`, ...f, green });
    console.log(formatRow(rows[rows.length - 1]));
  }

  await sleep(1_000);
  await traffic.stop();
  const raw = new Etcd3({ hosts: cluster.endpoints });
  const all = await raw.getAll().prefix(PREFIX).exec();
  raw.close();
  const probeRev = all.kvs.find((k) => k.key.toString() === `${PREFIX}probe`)?.mod_revision;
  const expected = all.kvs
    .filter((k) => k.mod_revision !== probeRev)
    .map((k) => BigInt(k.mod_revision))
    .sort((a, b) => (a < b ? -1 : 1));
  const last = expected[expected.length - 1];
  for (const end = Date.now() + 30_000; Date.now() < end; await sleep(100)) {
    if (sse.revisions.length && sse.revisions[sse.revisions.length - 1] >= last) break;
  }
  const sseFigures = compareRevisions(sse.revisions, expected);
  printSummary(rows, sseFigures, expected.length, sse.reconnects());
}

/** Cycle 0: the leader; cycle 1: the member serving the gateway's watch; then in turn. */
async function pickVictim(cycle, cluster, view) {
  const byUrl = (url) => cluster.members.findIndex((m) => m.endpoint === url);
  if (cycle === 0 && view?.leader) {
    const leader = view.members.find((m) => m.id === view.leader);
    const i = byUrl(leader?.clientUrls[0]);
    if (i >= 0) return { index: i, why: "leader" };
  }
  if (cycle === 1) {
    const i = await memberServingWatch(cluster.members);
    if (i >= 0) return { index: i, why: "serving the watch" };
  }
  const index = Math.max(0, cycle - 2) % cluster.members.length; // m1, m2, m3, m1, ...
  const isLeader = view?.members.find(
    (m) => m.clientUrls[0] === cluster.members[index].endpoint,
  )?.isLeader;
  return { index, why: isLeader ? "in turn, leader" : "in turn" };
}

const ms = (n) => `${Math.round(n)} ms`;
const counts = (o) =>
  Object.entries(o)
    .map(([s, n]) => `${n}×${s}`)
    .join(" ") || "none";

function formatRow(r) {
  return (
    `cycle ${r.cycle}: killed ${r.member} · read failover ${ms(r.readStall)} (longest gap ` +
    `without a read answer), failed reads recovered in ${ms(r.readFailover)}, failed reads ${counts(r.readFailures)} of ${r.reads} ` +
    `(${r.serializable} serializable) · write unavailability ${ms(r.writeUnavailable)}, failed ` +
    `writes ${counts(r.writeFailures)} of ${r.writes} · green ${ms(r.green)} after restart`
  );
}

function printSummary(rows, sseFigures, revisions, reconnects) {
  const stat = (key) => {
    const xs = rows.map((r) => r[key]);
    return `p50 ${ms(percentile(xs, 50))}, max ${ms(Math.max(...xs))}`;
  };
  console.log("");
  console.log(
    `failover benchmark: ${rows.length} kill cycles, ${HOLD_MS} ms down each, ${READERS} readers`,
  );
  // All readers stuck at once is what a user feels as failover: the longest gap between
  // successful reads after the kill (a leader's death stalls linearizable reads until the
  // election). Failed reads are rare (retried on another member); "recovered in" times them.
  console.log(`  read failover (longest gap without a read answer): ${stat("readStall")}`);
  console.log(`  failed reads recovered in (0 = none failed):       ${stat("readFailover")}`);
  console.log(`  write unavailability (longest write gap):          ${stat("writeUnavailable")}`);
  console.log(`  cluster green after restart:                       ${stat("green")}`);
  console.log(
    `  SSE watch: ${revisions} revisions written · lost ${sseFigures.lost}, duplicated ` +
      `${sseFigures.duplicated}, unexpected ${sseFigures.unexpected}, out of order ` +
      `${sseFigures.outOfOrder} · ${reconnects} reconnects`,
  );
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(cleanup);
