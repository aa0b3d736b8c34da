// `npm run bench:kubernetes`: what Kubernetes decoding costs (docs/kubernetes.md).
// 1. Decode throughput in-process (objects/s): every fixture kind (when ../shared/fixtures/
//    kubernetes or K8S_FIXTURES_DIR is there) and a keyspace of N distinct pods.
// 2. The cost decoding adds to GET /api/v1/kv: a pod key (decoded) against a key holding the
//    same bytes with the magic broken (not decoded), beside a raw etcd3 get and etcdctl get.
// Starts its own etcd (free ports, temp dir) and `next start`; stops both by PID at the end.
// Prints figures and ratios; never passes or fails on time. `-- --pods=N` (default 10000).
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Etcd3 } from "etcd3";
import { ensureEtcd } from "../../scripts/lib/ensure-deps.mjs";
import { ETCDCTL_BIN, startEtcd } from "../../scripts/lib/etcd-process.mjs";
import { ensureBuild } from "../../scripts/lib/next-build.mjs";
import { startBenchGateway } from "../lib/bench-gateway.mjs";
import { time } from "../tree/measure.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const PODS = parsePods(process.argv.slice(2));
const GET_RUNS = { warmup: 20, runs: 300 };
const CTL_RUNS = { warmup: 1, runs: 10 };

/** @param {string[]} args @returns {number} */
function parsePods(args) {
  const m = args.length === 1 ? /^--pods=([1-9]\d*)$/.exec(args[0]) : null;
  if (args.length === 0 || m) return Number(m?.[1] ?? 10_000);
  console.error("usage: npm run bench:kubernetes [-- --pods=N]");
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
const log = (msg) => console.log(`[bench:kubernetes] ${msg}`);
const ms = (/** @type {number} */ n) => `${n.toFixed(2)} ms`;

/** @param {string} url */
async function getOnce(url) {
  const res = await fetch(url);
  const body = await res.json();
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${JSON.stringify(body)}`);
  return body.decoded ? "decoded" : "plain";
}

/**
 * Times `a` and `b` alternately (`runs` pairs after `warmup`), so both see the same load.
 * @returns {Promise<[{median: number, p95: number}, {median: number, p95: number}] & {medianOfDifferences: number}>}
 */
async function interleaved(a, b, { runs, warmup }) {
  for (let i = 0; i < warmup; i++) {
    await a();
    await b();
  }
  const ta = [];
  const tb = [];
  const once = async (fn) => {
    const t0 = process.hrtime.bigint();
    await fn();
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  for (let i = 0; i < runs; i++) {
    ta.push(await once(a));
    tb.push(await once(b));
  }
  const diffs = ta.map((t, i) => t - tb[i]).sort((x, y) => x - y);
  const stats = (/** @type {number[]} */ v) => {
    const s = [...v].sort((x, y) => x - y);
    return { median: s[Math.floor(s.length / 2)], p95: s[Math.ceil(0.95 * s.length) - 1] };
  };
  return Object.assign([stats(ta), stats(tb)], {
    medianOfDifferences: diffs[Math.floor(diffs.length / 2)],
  });
}

async function main() {
  ensureEtcd();
  ensureBuild(ROOT, "bench:kubernetes");
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "etcd-explorer-bench-k8s-"));
  cleanups.push(async () => fs.rmSync(tmp, { recursive: true, force: true }));

  log(`decoding in-process (fixtures, ${PODS} pods)…`);
  const podsFile = path.join(tmp, "pods.tsv");
  const out = execFileSync(
    path.join(ROOT, "node_modules/.bin/tsx"),
    [
      path.join(ROOT, "bench/kubernetes/decode-throughput.ts"),
      `--pods=${PODS}`,
      `--write-pods=${podsFile}`,
    ],
    { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 26 },
  );
  const figures = JSON.parse(out.trim().split("\n").at(-1));

  const etcd = await startEtcd({
    dataDir: path.join(tmp, "etcd"),
    onSpawn: (proc) => cleanups.push(() => proc.stop()),
  });
  const client = new Etcd3({ hosts: [etcd.endpoint] });
  cleanups.push(async () => client.close());
  const lines = fs.readFileSync(podsFile, "utf8").split("\n");
  for (let i = 0; i < lines.length; i += 200) {
    await Promise.all(
      lines.slice(i, i + 200).map((l) => {
        const [key, b64] = l.split("\t");
        return client.put(key).value(Buffer.from(b64, "base64"));
      }),
    );
  }
  log(`loaded ${lines.length} pods under /registry/pods/`);
  const [podKey, podB64] = lines[0].split("\t");
  const plain = Buffer.from(podB64, "base64");
  plain[0] = 0x78; // "x8s\0…": same size, not recognised
  await client.put("/bench/not-kubernetes").value(plain);

  const server = await startBenchGateway({
    root: ROOT,
    tmp,
    etcdEndpoint: etcd.endpoint,
    cleanups,
  });
  log(`gateway ${server.url}`);
  const url = (/** @type {string} */ k) => `${server.url}/api/v1/kv?key=${encodeURIComponent(k)}`;

  // Alternate the two GETs request by request, so load on this shared machine hits both alike.
  const both = await interleaved(
    () => getOnce(url(podKey)),
    () => getOnce(url("/bench/not-kubernetes")),
    GET_RUNS,
  );
  const [decoded, notDecoded] = both;
  const raw = await time(async () => void (await client.get(podKey).buffer()), GET_RUNS);
  const ctl = await time(async () => {
    const r = spawnSync(ETCDCTL_BIN, [`--endpoints=${etcd.endpoint}`, "get", podKey], {
      env: { ETCDCTL_API: "3" },
    });
    if (r.status !== 0) throw new Error(String(r.stderr));
  }, CTL_RUNS);

  const f = figures.fixtures;
  const p = figures.pods;
  console.log(
    `\nKubernetes decoding; ${os.cpus().length} CPUs, shared machine (figures, not pass/fail)\n`,
  );
  console.log(
    f.skipped
      ? `fixtures: ${f.skipped}`
      : `fixtures: ${f.kinds} kinds × 5 rounds: ${Math.round(f.perSec)} objects/s (${f.mbPerSec.toFixed(1)} MB/s)`,
  );
  console.log(
    `pods:     ${p.count} distinct pods (${p.avgBytes} B avg): ${Math.round(p.perSec)} objects/s (${p.mbPerSec.toFixed(1)} MB/s), one pass`,
  );
  console.log(`one pod decoded alone: ${ms(figures.onePodMs)} CPU per decode`);
  console.log(
    `\nGET /api/v1/kv, ${GET_RUNS.runs} runs each, alternated, after ${GET_RUNS.warmup} warm-up pairs (median / p95):`,
  );
  console.log(`  pod (decoded)            ${ms(decoded.median)} / ${ms(decoded.p95)}`);
  console.log(`  same bytes, not decoded  ${ms(notDecoded.median)} / ${ms(notDecoded.p95)}`);
  const added = both.medianOfDifferences;
  console.log(`  added by decoding (median of paired differences): ${ms(added)}  — target ≤ 2 ms`);
  console.log(
    `  raw etcd3 get            ${ms(raw.median)} / ${ms(raw.p95)}  (gateway/raw ${(decoded.median / raw.median).toFixed(1)}×)`,
  );
  console.log(
    `  etcdctl get (spawned)    ${ms(ctl.median)} / ${ms(ctl.p95)}  (gateway/etcdctl ${(decoded.median / ctl.median).toFixed(2)}×)`,
  );
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => cleanup());
