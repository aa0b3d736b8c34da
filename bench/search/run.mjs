// `npm run bench:search`: the gateway's search and stats scans over a keyspace shaped like a
// Kubernetes registry (1M keys by default; `-- --keys N` for fewer), beside etcdctl and a raw
// etcd3 range over the same prefix, in one run. Figures and ratios against the targets of issue
// 12 (docs/search.md); never passes or fails on time. Starts its own etcd and `next start` (a
// production build must exist, or it builds), stops both by PID at the end.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Etcd3 } from "etcd3";
import { ETCDCTL_BIN, startEtcd } from "../../scripts/lib/etcd-process.mjs";
import { ensureBuild } from "../../scripts/lib/next-build.mjs";
import { startBenchGateway } from "../lib/bench-gateway.mjs";
import { readSse } from "../../scripts/lib/sse-client.mjs";
import { groupStats } from "../watch/proc-stats.mjs";
import { NEEDLE, VALUE_BYTES, loadKeyspace } from "./load.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const KEYS = parseKeys(process.argv.slice(2));
const RUNS = 3;
const FIRST_MATCH_RUNS = 5;
const SCAN_PREFIX = "/registry/";
const STATS_PREFIX = "/registry/configmaps/";

/** @param {string[]} args */
function parseKeys(args) {
  if (args.length === 0) return 1_000_000;
  const m = args.length === 2 && args[0] === "--keys" ? /^[1-9]\d*$/.exec(args[1]) : null;
  if (m && Number(args[1]) >= 10_000) return Number(args[1]);
  console.error("usage: npm run bench:search [-- --keys N]   (N ≥ 10000, default 1000000)");
  process.exit(2);
}

/** @type {(() => Promise<void>)[]} */
const cleanups = [];
let cleaning;
const cleanup = () =>
  (cleaning ??= (async () => {
    for (const step of cleanups.reverse()) await step().catch(() => undefined);
  })());
process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));
process.on("SIGTERM", () => void cleanup().then(() => process.exit(143)));

/** @param {string} msg */
const log = (msg) => console.log(`[bench:search] ${msg}`);

/** @param {number[]} xs */
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Run each of `fns` once as a warm-up, then `runs` rounds of all of them in turn (so a change in
 * the machine's load hits every contender alike); each returns ms. Medians, in order.
 * @param {(() => Promise<number>)[]} fns
 */
async function rounds(fns, runs = RUNS) {
  for (const fn of fns) await fn();
  const ms = fns.map(() => []);
  for (let i = 0; i < runs; i++) for (const [j, fn] of fns.entries()) ms[j].push(await fn());
  return ms.map(median);
}

/**
 * One SSE scan; resolves with ms to `done` (or to the first `match` with `firstMatch`) and the
 * done event. Throws on an error event or a non-200.
 */
async function sseScan(url, { firstMatch = false } = {}) {
  const abort = new AbortController();
  const t0 = performance.now();
  const res = await fetch(url, { signal: abort.signal });
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  let result;
  try {
    await readSse(res.body, (m) => {
      if (result) return;
      if (m.event === "error") throw new Error(`${url}: ${m.data}`);
      if ((firstMatch && m.event === "match") || m.event === "done") {
        result = { ms: performance.now() - t0, data: JSON.parse(m.data) };
        if (firstMatch) abort.abort();
      }
    });
  } catch (err) {
    if (!result) throw err;
  }
  if (!result) throw new Error(`${url}: ended without ${firstMatch ? "a match" : "done"}`);
  return result;
}

/** `etcdctl get --prefix P [--keys-only]`, output read and discarded; ms. */
function etcdctl(endpoint, prefix, keysOnly) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const args = ["--endpoints", endpoint, "--command-timeout=600s", "get", "--prefix", prefix];
    const child = spawn(ETCDCTL_BIN, keysOnly ? [...args, "--keys-only"] : args, {
      env: { ...process.env, ETCDCTL_API: "3" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.resume();
    let err = "";
    child.stderr.on("data", (c) => (err += c));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(performance.now() - t0) : reject(new Error(`etcdctl ${code}: ${err}`)),
    );
  });
}

/** One raw etcd3 Range of the whole prefix in one answer; ms. */
async function rawRange(client, prefix, keysOnly) {
  const t0 = performance.now();
  const end = Buffer.from(prefix);
  end[end.length - 1]++;
  await client.kv.range({ key: Buffer.from(prefix), range_end: end, keys_only: keysOnly });
  return performance.now() - t0;
}

/** Sample the gateway's RSS (process group) every 20 ms while `fn` runs; peak bytes. */
async function peakRss(pgid, fn) {
  let peak = groupStats(pgid).rssBytes;
  const timer = setInterval(() => (peak = Math.max(peak, groupStats(pgid).rssBytes)), 20);
  try {
    await fn();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, groupStats(pgid).rssBytes);
}

async function main() {
  ensureBuild(ROOT, "bench:search");
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "etcd-explorer-bench-search-"));
  cleanups.push(async () => fs.rmSync(tmp, { recursive: true, force: true }));
  const etcd = await startEtcd({
    dataDir: path.join(tmp, "etcd"),
    extraArgs: ["--quota-backend-bytes", String(8 * 1024 ** 3)],
    onSpawn: (proc) => cleanups.push(() => proc.stop()),
  });
  log(`etcd ${etcd.endpoint} (pid ${etcd.pid})`);
  const client = new Etcd3({
    hosts: [etcd.endpoint],
    grpcOptions: { "grpc.max_receive_message_length": -1 },
  });
  cleanups.push(async () => client.close());

  const t0 = Date.now();
  let shown = 0;
  await loadKeyspace(client, KEYS, (n) => {
    if (n - shown >= 100_000 || n === KEYS) log(`loaded ${(shown = n)}/${KEYS} keys`);
  });
  const loadSecs = (Date.now() - t0) / 1000;
  log(`loaded ${KEYS} keys (${VALUE_BYTES}-byte values) in ${loadSecs.toFixed(1)} s`);

  const server = await startBenchGateway({
    root: ROOT,
    tmp,
    etcdEndpoint: etcd.endpoint,
    cleanups,
  });
  log(`gateway ${server.url} (pid ${server.pid})`);
  const api = (p, params) => `${server.url}/api/v1/${p}?${new URLSearchParams(params)}`;

  // Load the routes' code (Next loads a route on its first request) before the RSS baseline.
  await sseScan(api("search", { prefix: "/registry/services/ns-0000/", q: "x" }));
  await sseScan(api("stats", { prefix: "/registry/services/ns-0000/" }));
  const rssBefore = groupStats(server.pid).rssBytes;

  // 1. Substring search over every key vs etcdctl --keys-only, with the gateway's peak RSS.
  const searchUrl = api("search", { prefix: SCAN_PREFIX, q: "no-such-key-anywhere" });
  let scanned = "";
  let keysMs = [];
  const rssPeak = await peakRss(server.pid, async () => {
    keysMs = await rounds([
      async () => {
        const r = await sseScan(searchUrl);
        scanned = r.data.scanned;
        return r.ms;
      },
      () => etcdctl(etcd.endpoint, SCAN_PREFIX, true),
      () => rawRange(client, SCAN_PREFIX, true),
    ]);
  });
  const [searchMs, ctlKeysMs, rawKeysMs] = keysMs;
  log(`search over keys: ${searchMs.toFixed(0)} ms (${scanned} keys)`);
  log(`etcdctl --keys-only ${ctlKeysMs.toFixed(0)} ms, raw etcd3 ${rawKeysMs.toFixed(0)} ms`);

  // 2. Time to the first match, the needle ~5% into the keyspace.
  const needleUrl = api("search", { prefix: SCAN_PREFIX, q: NEEDLE.split("/").pop() });
  const [firstMs] = await rounds(
    [async () => (await sseScan(needleUrl, { firstMatch: true })).ms],
    FIRST_MATCH_RUNS,
  );
  log(`first match: ${firstMs.toFixed(0)} ms`);

  // 3. stats over a prefix of 10% of the keys vs etcdctl get --prefix (values).
  let statsKeys = "";
  const [statsMs, ctlValuesMs, rawValuesMs] = await rounds([
    async () => {
      const r = await sseScan(api("stats", { prefix: STATS_PREFIX }));
      statsKeys = r.data.keys;
      return r.ms;
    },
    () => etcdctl(etcd.endpoint, STATS_PREFIX, false),
    () => rawRange(client, STATS_PREFIX, false),
  ]);
  log(
    `stats ${statsMs.toFixed(0)} ms (${statsKeys} keys), etcdctl ${ctlValuesMs.toFixed(0)} ms, ` +
      `raw ${rawValuesMs.toFixed(0)} ms`,
  );

  const mb = (b) => `${(b / 1024 ** 2).toFixed(0)} MB`;
  const rows = [
    [
      "substring search over keys (ms)",
      searchMs,
      `etcdctl --keys-only ${ctlKeysMs.toFixed(0)}; raw ${rawKeysMs.toFixed(0)}`,
      `${(searchMs / ctlKeysMs).toFixed(2)}× etcdctl, ${(searchMs / rawKeysMs).toFixed(2)}× raw`,
      "≤ 1.2× etcdctl",
    ],
    ["time to first match, ~5% in (ms)", firstMs, "—", "—", "≤ 300 ms"],
    [
      `stats over ${statsKeys} keys (ms)`,
      statsMs,
      `etcdctl get --prefix ${ctlValuesMs.toFixed(0)}; raw ${rawValuesMs.toFixed(0)}`,
      `${(statsMs / ctlValuesMs).toFixed(2)}× etcdctl, ${(statsMs / rawValuesMs).toFixed(2)}× raw`,
      "≤ 1.5× etcdctl",
    ],
    [
      `gateway peak RSS scanning ${scanned} keys`,
      mb(rssPeak),
      `after warm-up: ${mb(rssBefore)}`,
      "—",
      "≤ 300 MB",
    ],
  ];
  console.log(
    `\nkeyspace: ${KEYS} keys, ${VALUE_BYTES}-byte values; medians of ${RUNS} interleaved rounds (first match: ${FIRST_MATCH_RUNS}) after one warm-up; ${os.cpus().length} CPUs\n`,
  );
  console.log("| figure | gateway | baseline | ratio | target |\n| --- | --- | --- | --- | --- |");
  for (const [what, v, base, ratio, target] of rows) {
    console.log(
      `| ${what} | ${typeof v === "number" ? v.toFixed(0) : v} | ${base} | ${ratio} | ${target} |`,
    );
  }
  const out = path.join(ROOT, "bench", ".results");
  fs.mkdirSync(out, { recursive: true });
  const file = path.join(out, `search-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify(
      {
        keys: KEYS,
        loadSecs,
        searchMs,
        ctlKeysMs,
        rawKeysMs,
        firstMs,
        statsMs,
        ctlValuesMs,
        rawValuesMs,
        rssPeak,
        rssBefore,
      },
      null,
      2,
    ),
  );
  console.log(`\n(raw figures: ${path.relative(ROOT, file)})`);
}

main()
  .then(cleanup)
  .catch(async (err) => {
    console.error(`[bench:search] ${err instanceof Error ? err.stack : err}`);
    await cleanup();
    process.exit(1);
  });
