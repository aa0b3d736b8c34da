// `npm run bench:history`: what time travel costs (issue 13, item 7), through a real gateway.
// 1. History: a key with V versions spread over a store of R revisions. The gateway's first
//    GET /api/v1/history page (limit 50; target ≤ 300 ms) beside the same versions read with one
//    raw Range per version (revisions known in advance), and beside the naive way: one Range per
//    store revision across the page's span. Also the first page of a key deleted at the end
//    (that page needs the watch replay, which reads every revision since the compaction).
// 2. Changes: a prefix of K keys, then C revisions of writes into it. Every page of
//    GET /api/v1/changes?from=A&to=B (limit 10000) beside two full listings (with values) of the
//    prefix at A and at B with the raw etcd3 client (target ≤ 2×), and beside
//    `etcdctl get --prefix --rev` at A and B.
// Starts its own etcd (free ports, temp dir) and `next start` (build first, under the heavy
// lock: `flock /tmp/heavy.lock npx next build`); stops both at the end. Prints figures, never
// passes or fails.
// Flags (defaults are the issue's sizes): --revisions=200000 --versions=1000 --keys=10000
// --change-revisions=50000.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Etcd3 } from "etcd3";
import { ETCDCTL_BIN, startEtcd } from "../../scripts/lib/etcd-process.mjs";
import { startBenchGateway } from "../lib/bench-gateway.mjs";
import { time } from "../tree/measure.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const FLAGS = parseFlags(process.argv.slice(2), {
  revisions: 200_000,
  versions: 1_000,
  keys: 10_000,
  "change-revisions": 50_000,
});
const IN_FLIGHT = 64;
const RUNS = { warmup: 2, runs: 10 };
/** Revisions the naive one-Range-per-revision scan reads at most (its time is scaled to the span). */
const NAIVE_MAX = 5_000n;

/** @param {string[]} args @param {Record<string, number>} defaults */
function parseFlags(args, defaults) {
  const out = { ...defaults };
  for (const a of args) {
    const m = /^--([a-z-]+)=([1-9]\d*)$/.exec(a);
    if (!m || !(m[1] in out)) {
      console.error(
        `usage: npm run bench:history -- ${Object.keys(defaults)
          .map((k) => `[--${k}=N]`)
          .join(" ")}`,
      );
      process.exit(2);
    }
    out[m[1]] = Number(m[2]);
  }
  return out;
}

/** @param {string} msg */
const log = (msg) => console.log(`[bench:history] ${msg}`);
/** @type {(() => Promise<void>)[]} */
const cleanups = [];
const cleanup = async () => {
  for (const step of cleanups.reverse()) await step().catch(() => undefined);
};
process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));

/**
 * Run `count` writes with at most IN_FLIGHT at once; `write(i)` makes the i-th.
 * @param {number} count @param {(i: number) => Promise<unknown>} write
 */
async function pipelined(count, write) {
  let next = 0;
  const worker = async () => {
    while (next < count) await write(next++);
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
}

/** @param {string} url @returns {Promise<any>} */
async function getJson(url) {
  const res = await fetch(url);
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${body.slice(0, 300)}`);
  return JSON.parse(body);
}

/** `etcdctl get --prefix --rev=R P`, output discarded. @returns {Promise<void>} */
function etcdctlAt(endpoint, prefix, rev) {
  return new Promise((resolve, reject) => {
    const p = spawn(
      ETCDCTL_BIN,
      ["--endpoints", endpoint, "get", "--prefix", `--rev=${rev}`, prefix],
      {
        stdio: ["ignore", "ignore", "inherit"],
        env: { ...process.env, ETCDCTL_API: "3" },
      },
    );
    p.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`etcdctl exited ${code}`))));
  });
}

const ms = (/** @type {number} */ n) => `${n.toFixed(1)} ms`;

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "etcd-explorer-bench-history-"));
  cleanups.push(async () => fs.rmSync(tmp, { recursive: true, force: true }));
  const etcd = await startEtcd({
    dataDir: path.join(tmp, "etcd"),
    extraArgs: ["--quota-backend-bytes", String(4 * 1024 ** 3)],
    onSpawn: (proc) => cleanups.push(() => proc.stop()),
  });
  const client = new Etcd3({
    hosts: [etcd.endpoint],
    grpcOptions: { "grpc.max_receive_message_length": -1 },
  });
  cleanups.push(async () => client.close());
  log(`etcd ${etcd.endpoint} (pid ${etcd.pid}); sizes ${JSON.stringify(FLAGS)}`);

  // History store: R revisions; the live key and the deleted key get V versions each, spread evenly.
  const R = FLAGS.revisions;
  const V = FLAGS.versions;
  const every = Math.max(2, Math.floor(R / V / 2));
  const t0 = Date.now();
  let versions = 0;
  await pipelined(R, (i) => {
    if (i % every === 0 && versions < 2 * V) {
      const key = versions++ % 2 === 0 ? "/hist/live" : "/hist/gone";
      return client.put(key).value(`version ${i} `.padEnd(200, "x"));
    }
    return client.put(`/fill/${i % 5000}`).value(`filler ${i}`);
  });
  await client.delete().key("/hist/gone");
  log(
    `loaded ${R} revisions (${versions} versions of two keys) in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );

  // Changes store: K keys, from = A, then C revisions of updates, deletes and creates, to = B.
  const K = FLAGS.keys;
  const C = FLAGS["change-revisions"];
  await pipelined(K, (i) =>
    client.put(`/chg/${String(i).padStart(6, "0")}`).value(`initial ${i} `.padEnd(100, "v")),
  );
  const from = (await client.put("/mark/a").value("a").exec()).header.revision;
  await pipelined(C, (i) => {
    const k = `/chg/${String((i * 7919) % (K + K / 10)).padStart(6, "0")}`; // some beyond K: creates
    return i % 10 === 9
      ? client.delete().key(k)
      : client.put(k).value(`change ${i} `.padEnd(100, "c"));
  });
  const to = (await client.put("/mark/b").value("b").exec()).header.revision;
  log(`changes prefix: ${K} keys, from=${from}, to=${to}`);

  const server = await startBenchGateway({
    root: ROOT,
    tmp,
    etcdEndpoint: etcd.endpoint,
    cleanups,
  });
  log(`gateway ${server.url} (pid ${server.pid})`);

  // --- history ---
  const page = await getJson(
    `${server.url}/api/v1/history?key=${encodeURIComponent("/hist/live")}&limit=50`,
  );
  const pageRevs = page.versions.map((/** @type {any} */ v) => v.revision);
  const history = await time(
    async () =>
      void (await getJson(
        `${server.url}/api/v1/history?key=${encodeURIComponent("/hist/live")}&limit=50`,
      )),
    RUNS,
  );
  const perVersion = await time(async () => {
    for (const rev of pageRevs)
      await client.kv.range({ key: Buffer.from("/hist/live"), revision: rev });
  }, RUNS);
  // The naive scan is measured over at most NAIVE_MAX revisions of the span and scaled up.
  const span = BigInt(page.header.revision) - BigInt(pageRevs.at(-1)) + 1n;
  const sampled = span < NAIVE_MAX ? span : NAIVE_MAX;
  const naiveSample = await time(
    async () => {
      for (
        let r = BigInt(page.header.revision) - sampled + 1n;
        r <= BigInt(page.header.revision);
        r++
      ) {
        await client.kv.range({ key: Buffer.from("/hist/live"), revision: r.toString() });
      }
    },
    { warmup: 0, runs: 1 },
  );
  const naive = { median: (naiveSample.median * Number(span)) / Number(sampled) };
  // What any one-Range request costs through this gateway on this machine right now.
  const kvBaseline = await time(
    async () =>
      void (await getJson(`${server.url}/api/v1/kv?key=${encodeURIComponent("/hist/live")}`)),
    RUNS,
  );
  const gone = await time(
    async () =>
      void (await getJson(
        `${server.url}/api/v1/history?key=${encodeURIComponent("/hist/gone")}&limit=50`,
      )),
    { warmup: 1, runs: 5 },
  );
  const allPages = await time(
    async () => {
      let before = "";
      do {
        const p = await getJson(
          `${server.url}/api/v1/history?key=${encodeURIComponent("/hist/live")}&limit=1000${before}`,
        );
        before = p.next ? `&before=${p.next}` : "";
      } while (before);
    },
    { warmup: 0, runs: 3 },
  );

  // --- changes ---
  let rows = 0;
  const changes = await time(
    async () => {
      rows = 0;
      let after = "";
      do {
        const p = await getJson(
          `${server.url}/api/v1/changes?prefix=${encodeURIComponent("/chg/")}&from=${from}&to=${to}&limit=10000${after}`,
        );
        rows += p.changes.length;
        after = p.next ? `&after=${encodeURIComponent(p.next)}` : "";
      } while (after);
    },
    { warmup: 1, runs: 5 },
  );
  const listing = await time(
    async () => {
      for (const rev of [from, to]) {
        await client.kv.range({
          key: Buffer.from("/chg/"),
          range_end: Buffer.from("/chg0"),
          revision: rev,
        });
      }
    },
    { warmup: 1, runs: 5 },
  );
  const etcdctl = await time(
    async () => {
      for (const rev of [from, to]) await etcdctlAt(etcd.endpoint, "/chg/", rev);
    },
    { warmup: 1, runs: 5 },
  );

  console.log(
    `\nhistory: key with ${V} versions in a store of ${R} revisions (+${K + C} for changes); ${os.cpus().length} CPUs, medians`,
  );
  console.log(
    `  GET /history first page (50 versions)        ${ms(history.median)} (p95 ${ms(history.p95)})   target ≤ 300 ms`,
  );
  console.log(
    `  raw: one Range per version (revs known)      ${ms(perVersion.median)}   gateway/raw ${(history.median / perVersion.median).toFixed(2)}×`,
  );
  console.log(
    `  naive: one Range per store revision (${span} revs, ${sampled} timed) ${ms(naive.median)}   gateway is ${(naive.median / history.median).toFixed(0)}× faster`,
  );
  console.log(
    `  baseline: GET /kv (one Range through the gateway) ${ms(kvBaseline.median)} (p95 ${ms(kvBaseline.p95)})`,
  );
  console.log(`  GET /history all ${V} versions (limit 1000, all pages) ${ms(allPages.median)}`);
  console.log(
    `  GET /history first page of a deleted key (watch replay of ${R}+ revisions) ${ms(gone.median)} (p95 ${ms(gone.p95)})`,
  );
  console.log(`changes: ${K}-key prefix across ${C} revisions, ${rows} changed keys`);
  console.log(
    `  GET /changes all pages (limit 10000)         ${ms(changes.median)} (p95 ${ms(changes.p95)})`,
  );
  console.log(
    `  raw: two full listings with values (A, B)    ${ms(listing.median)}   ratio ${(changes.median / listing.median).toFixed(2)}× (target ≤ 2×)`,
  );
  console.log(
    `  etcdctl get --prefix --rev at A and at B     ${ms(etcdctl.median)}   ratio ${(changes.median / etcdctl.median).toFixed(2)}×`,
  );
}

main().then(cleanup, async (err) => {
  console.error(err);
  await cleanup();
  process.exitCode = 1;
});
