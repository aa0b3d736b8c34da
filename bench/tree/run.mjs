// `npm run bench:tree`: how fast the gateway lists a folder's children (GET /api/v1/tree),
// beside `etcdctl get --prefix --keys-only` and a raw etcd3 keys-only range of the same prefix.
// Starts its own etcd (free ports, temp dir) and `next start`; stops both by PID at the end.
// Prints figures and ratios; never passes or fails on time.
// `npm run bench:tree -- --scale=10` loads ~1M keys instead (the root target is stated for 1M).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Etcd3 } from "etcd3";
import { ensureEtcd } from "../../scripts/lib/ensure-deps.mjs";
import { startEtcd } from "../../scripts/lib/etcd-process.mjs";
import { ensureBuild } from "../../scripts/lib/next-build.mjs";
import { startBenchGateway } from "../lib/bench-gateway.mjs";
import { benchKeyCount, loadKeyspace } from "./load.mjs";
import { etcdctlOnce, rawOnce, time, treeOnce } from "./measure.mjs";
import { printTable } from "./report.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const TREE_RUNS = { warmup: 5, runs: 30 };
const LIST_RUNS = { warmup: 1, runs: 5 };
const SCALE = parseScale(process.argv.slice(2));

/** The prefixes measured, with the target (docs/architecture.md) that applies to each. */
const CASES = [
  { prefix: "", target: "first page ≤ 100 ms median (stated for 1M keys)" },
  { prefix: "/registry/", target: "—" },
  { prefix: "/registry/pods/", target: "tree/etcdctl ≤ 0.10× (200 children, ~100k below)" },
  { prefix: "/flat/", target: "— (10k children; first page only)" },
];

/** @type {(() => Promise<void>)[]} */
const cleanups = [];
/** @type {Promise<void> | undefined} */
let cleaning;
/**
 * Stop what was started, newest first. Every caller (signal handler, main's end, main's error
 * path once a signal broke it) awaits the same run, so none can exit before etcd is stopped.
 */
function cleanup() {
  cleaning ??= (async () => {
    for (const step of cleanups.reverse()) await step().catch(() => undefined);
  })();
  return cleaning;
}
let interrupted = false;
/** @param {number} code */
const onSignal = (code) => {
  interrupted = true;
  void cleanup().then(() => process.exit(code));
};
process.on("SIGINT", () => onSignal(130));
process.on("SIGTERM", () => onSignal(143));

/**
 * `--scale=N` (N ≥ 1) multiplies the namespaced keys; no argument means 1 (~110k keys).
 * @param {string[]} args
 * @returns {number}  exits with usage on anything else
 */
function parseScale(args) {
  const m = args.length === 1 ? /^--scale=([1-9]\d*)$/.exec(args[0]) : null;
  if (args.length === 0 || m) return Number(m?.[1] ?? 1);
  console.error("usage: npm run bench:tree [-- --scale=N]   (N=10 loads ~1M keys)");
  process.exit(2);
}

/** @param {string} msg */
const log = (msg) => console.log(`[bench:tree] ${msg}`);

async function main() {
  ensureEtcd();
  ensureBuild(ROOT, "bench:tree");
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "etcd-explorer-bench-tree-"));
  cleanups.push(async () => fs.rmSync(tmp, { recursive: true, force: true }));

  const etcd = await startEtcd({
    dataDir: path.join(tmp, "etcd"),
    extraArgs: ["--quota-backend-bytes", String(4 * 1024 ** 3)],
    onSpawn: (proc) => cleanups.push(() => proc.stop()),
  });
  log(`etcd ${etcd.endpoint} (pid ${etcd.pid}, data in ${tmp})`);

  const client = new Etcd3({
    hosts: [etcd.endpoint],
    grpcOptions: { "grpc.max_receive_message_length": -1 },
  });
  cleanups.push(async () => client.close());
  const total = benchKeyCount(SCALE);
  const t0 = Date.now();
  let shown = 0;
  await loadKeyspace(client, {
    scale: SCALE,
    onProgress(n) {
      if (n - shown >= 20_000 * SCALE || n === total) {
        shown = n;
        log(`loaded ${n}/${total} keys`);
      }
    },
  });
  const loadSecs = (Date.now() - t0) / 1000;
  log(`loaded ${total} keys (1 KiB values) in ${loadSecs.toFixed(1)} s`);

  const server = await startBenchGateway({
    root: ROOT,
    tmp,
    etcdEndpoint: etcd.endpoint,
    cleanups,
  });
  log(`gateway ${server.url} (pid ${server.pid})`);

  const rows = [];
  for (const { prefix, target } of CASES) {
    log(`measuring ${JSON.stringify(prefix)}`);
    const row = {
      prefix,
      target,
      tree: await time(() => treeOnce(server.url, prefix), TREE_RUNS),
      etcdctl: await time(() => etcdctlOnce(etcd.endpoint, prefix), LIST_RUNS),
      raw: await time(() => rawOnce(client, prefix), LIST_RUNS),
    };
    rows.push(row);
    const ms = (/** @type {number} */ n) => `${n.toFixed(1)} ms`;
    log(
      `  tree ${ms(row.tree.median)} (p95 ${ms(row.tree.p95)}), ` +
        `etcdctl ${ms(row.etcdctl.median)}, raw ${ms(row.raw.median)}`,
    );
  }

  console.log(
    `\nGET /api/v1/tree (first page; ${TREE_RUNS.runs} runs after ${TREE_RUNS.warmup} warm-up) vs ` +
      `etcdctl get --prefix --keys-only and etcd3 keys-only range (median of ${LIST_RUNS.runs}); ms\n` +
      `keyspace: ${total} keys, 1 KiB values; etcd ${etcd.endpoint}; ${os.cpus().length} CPUs\n`,
  );
  printTable(rows);
  const out = path.join(ROOT, "bench", ".results");
  fs.mkdirSync(out, { recursive: true });
  const file = path.join(out, `tree-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(file, JSON.stringify({ keys: total, scale: SCALE, loadSecs, rows }, null, 2));
  console.log(`\n(raw figures: ${path.relative(ROOT, file)})`);
}

main()
  .then(cleanup)
  .catch(async (err) => {
    if (!interrupted) console.error(`[bench:tree] ${err instanceof Error ? err.stack : err}`);
    await cleanup();
    process.exit(interrupted ? 130 : 1);
  });
