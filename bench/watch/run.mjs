// `npm run bench:watch`: how fast and how exactly the gateway's SSE watch delivers etcd changes,
// beside a raw etcd3 watcher on the same prefix, from one run:
//  (a) 20k puts written flat out: time until each consumer has them all;
//  (b) 1k puts/s for 20 s: put acknowledged → SSE event received latency, p50/p99;
//  (c) 200 SSE clients on one prefix at 1k puts/s: delivered/expected, gateway RSS and CPU;
//  (d) 10 SSE clients that stop reading + 1 that reads, 1k puts/s of 1 KiB values for 30 s:
//      gateway RSS growth, what became of the paused clients, the reader's lost/dup
//      (`npm run bench:watch -- --slow-consumers` runs only this case).
// Starts its own etcd and `next start`; stops both by PID. Prints figures; never fails on time.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { Etcd3 } from "etcd3";
import { ensureEtcd } from "../../scripts/lib/ensure-deps.mjs";
import { freePort, startEtcd } from "../../scripts/lib/etcd-process.mjs";
import { ensureBuild } from "../../scripts/lib/next-build.mjs";
import { startNext } from "../../scripts/lib/next-server.mjs";
import { groupStats } from "./proc-stats.mjs";
import { slowConsumers } from "./slow-consumers.mjs";
import { openSse } from "./sse-client.mjs";

/** The checkout whose build is served; BENCH_GATEWAY_ROOT compares another (e.g. main). */
const ROOT =
  process.env.BENCH_GATEWAY_ROOT ??
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const FLAT_OUT_PUTS = Number(process.env.BENCH_PUTS ?? 20_000);
const STEADY_SECONDS = Number(process.env.BENCH_STEADY_SECONDS ?? 20);
const FANOUT_CLIENTS = Number(process.env.BENCH_CLIENTS ?? 200);
const FANOUT_SECONDS = 10;
const FANOUT_WORKERS = 4;
const SLOW_CLIENTS = Number(process.env.BENCH_SLOW_CLIENTS ?? 10);
const SLOW_SECONDS = Number(process.env.BENCH_SLOW_SECONDS ?? 30);
/** Which cases to run, e.g. BENCH_CASES=c (default: all); `--slow-consumers` means d. */
const CASES = process.argv.includes("--slow-consumers") ? "d" : (process.env.BENCH_CASES ?? "abcd");

const cleanups = /** @type {(() => Promise<unknown>)[]} */ ([]);
const cleanup = async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
};
process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));

/** Write `count` puts under `prefix`, `concurrency` in flight; returns each ack's revision+time. */
async function putFlatOut(client, prefix, count, concurrency = 64) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      await client.put(`${prefix}k${i % 1000}`).value(String(i));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/**
 * `perSecond` puts of `value` in 10 ms ticks for `seconds`; returns Map revision → ack time (ms).
 */
async function putSteady(client, prefix, seconds, perSecond = 1000, value = "x") {
  const acks = new Map();
  const perTick = perSecond / 100;
  const start = performance.now();
  const pending = [];
  for (let tick = 0; tick < seconds * 100; tick++) {
    const due = start + tick * 10;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    for (let j = 0; j < perTick; j++) {
      pending.push(
        client
          .put(`${prefix}k${(tick * perTick + j) % 500}`)
          .value(value)
          .exec()
          .then((res) => acks.set(res.header.revision, performance.now())),
      );
    }
  }
  await Promise.all(pending);
  return acks;
}

const pct = (/** @type {number[]} */ xs, p) =>
  xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const waitFor = async (cond, ms) => {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
};

async function main() {
  ensureEtcd();
  ensureBuild(ROOT, "bench:watch");
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "etcd-explorer-bench-watch-"));
  cleanups.push(async () => fs.rmSync(tmp, { recursive: true, force: true }));
  const etcd = await startEtcd({ dataDir: path.join(tmp, "etcd") });
  cleanups.push(() => etcd.stop());
  const port = await freePort();
  // Every fan-out client comes from 127.0.0.1: lift the per-client stream cap for the bench.
  const env = {
    ...process.env,
    ETCD_ENDPOINTS: etcd.endpoint,
    NODE_ENV: "production",
    ETCD_EXPLORER_MAX_STREAMS_PER_CLIENT: String(FANOUT_CLIENTS + 10),
  };
  const logFile = path.join(tmp, "next.log");
  const gateway = await startNext({ root: ROOT, host: "127.0.0.1", port, env, logFile });
  cleanups.push(() => gateway.stop());
  const client = new Etcd3({ hosts: etcd.endpoint });
  cleanups.push(async () => client.close());
  const watchUrl = (p) => `${gateway.url}/api/v1/watch?prefix=${encodeURIComponent(p)}`;
  const rows = [];

  // (a) flat out
  if (CASES.includes("a")) {
    const p = "/bench/a/";
    let sseCount = 0,
      rawCount = 0,
      sseDone = 0,
      rawDone = 0;
    const sse = await openSse(
      watchUrl(p),
      () => ++sseCount === FLAT_OUT_PUTS && (sseDone = performance.now()),
    );
    await sse.ready;
    const raw = await client.watch().prefix(p).create();
    raw.on("put", () => ++rawCount === FLAT_OUT_PUTS && (rawDone = performance.now()));
    const t0 = performance.now();
    await putFlatOut(client, p, FLAT_OUT_PUTS);
    const written = performance.now() - t0;
    await waitFor(() => sseDone && rawDone, 60_000);
    sse.close();
    await raw.cancel();
    const sseMs = sseDone - t0,
      rawMs = rawDone - t0;
    rows.push([
      `(a) ${FLAT_OUT_PUTS} puts flat out: all received`,
      `SSE ${sseMs.toFixed(0)} ms; raw etcd3 ${rawMs.toFixed(0)} ms; writes ${written.toFixed(0)} ms`,
      `SSE/raw ${(sseMs / rawMs).toFixed(2)}×`,
      "≤ 1.5×",
      `${sseCount}/${FLAT_OUT_PUTS} via SSE`,
    ]);
  }

  // (b) steady latency
  if (CASES.includes("b")) {
    const p = "/bench/b/";
    const arrivals = new Map();
    const sse = await openSse(watchUrl(p), (rev, at) => arrivals.set(rev, at));
    await sse.ready;
    const acks = await putSteady(client, p, STEADY_SECONDS);
    await waitFor(() => arrivals.size >= acks.size, 10_000);
    sse.close();
    const lat = [...acks]
      .filter(([rev]) => arrivals.has(rev))
      .map(([rev, ack]) => arrivals.get(rev) - ack);
    rows.push([
      `(b) ${acks.size / STEADY_SECONDS}/s for ${STEADY_SECONDS} s: ack → SSE`,
      `p50 ${pct(lat, 50).toFixed(1)} ms; p99 ${pct(lat, 99).toFixed(1)} ms; max ${Math.max(...lat).toFixed(1)} ms`,
      "",
      "p99 ≤ 25 ms",
      `${arrivals.size}/${acks.size} received`,
    ]);
  }

  // (c) fan-out: the SSE clients live in worker threads so parsing them doesn't slow the writer
  if (CASES.includes("c")) {
    const p = "/bench/c/";
    const workers = Array.from({ length: FANOUT_WORKERS }, (_, i) => {
      const count =
        Math.floor(FANOUT_CLIENTS / FANOUT_WORKERS) + (i < FANOUT_CLIENTS % FANOUT_WORKERS ? 1 : 0);
      return new Worker(new URL("./fanout-worker.mjs", import.meta.url), {
        workerData: { url: watchUrl(p), count },
      });
    });
    const ask = (w, msg, type) =>
      new Promise((r) => {
        const on = (m) => m.type === type && (w.off("message", on), r(m));
        w.on("message", on);
        if (msg) w.postMessage(msg);
      });
    await Promise.all(workers.map((w) => ask(w, null, "ready")));
    const before = groupStats(gateway.pid);
    const t0 = performance.now();
    let peakRss = before.rssBytes;
    const sampler = setInterval(
      () => (peakRss = Math.max(peakRss, groupStats(gateway.pid).rssBytes)),
      250,
    );
    const acks = await putSteady(client, p, FANOUT_SECONDS);
    let counts = [];
    const end = Date.now() + 20_000;
    do {
      await new Promise((r) => setTimeout(r, 500));
      counts = (await Promise.all(workers.map((w) => ask(w, "report", "counts")))).flatMap(
        (m) => m.counts,
      );
    } while (counts.some((c) => c < acks.size) && Date.now() < end);
    const wall = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    const after = groupStats(gateway.pid);
    workers.forEach((w) => w.postMessage("close"));
    const complete = counts.filter((c) => c === acks.size).length;
    rows.push([
      `(c) ${FANOUT_CLIENTS} SSE clients × ${acks.size} puts (${FANOUT_SECONDS} s at 1k/s)`,
      `${complete}/${FANOUT_CLIENTS} clients got every revision (min ${Math.min(...counts)}, max ${Math.max(...counts)}); all delivered ${wall.toFixed(1)} s after the first put; gateway RSS peak ${(peakRss / 2 ** 20).toFixed(0)} MB; gateway CPU ${(((after.cpuSeconds - before.cpuSeconds) / wall) * 100).toFixed(0)}% of a core`,
      "",
      "all; RSS ≤ 300 MB",
      "",
    ]);
  }

  // (d) slow consumers
  if (CASES.includes("d")) {
    rows.push(
      await slowConsumers({
        watchUrl: watchUrl("/bench/d/"),
        prefix: "/bench/d/",
        client,
        gatewayPid: gateway.pid,
        logFile,
        putSteady,
        clients: SLOW_CLIENTS,
        seconds: SLOW_SECONDS,
      }),
    );
  }

  console.log(
    "\n| case | figures | ratio | target (docs/architecture.md) | delivered |\n|---|---|---|---|---|",
  );
  for (const r of rows) console.log(`| ${r.join(" | ")} |`);
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(cleanup);
