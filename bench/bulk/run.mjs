// `npm run bench:bulk`: export and import through the gateway beside etcdctl.
// - export of N keys (1 KiB values): GET /api/v1/export?prefix= read to the end, vs
//   `etcdctl get --prefix -w json` of the same prefix (target: ≤ 1.5×), with the gateway's RSS
//   sampled during the export (target: flat — the export is streamed, never held whole);
// - import of M keys (1 KiB values): POST /api/v1/import?mode=create-only (guarded Txns of 128
//   puts), vs `etcdctl txn` batches of 128 puts (one process per batch), vs `etcdctl put` in a
//   loop (one process per key; measured on a sample of P keys and scaled to M, as stated).
// Starts its own etcd and `next start` (free ports, temp dir) and stops both by PID at the end.
// Prints figures and ratios; never passes or fails on time.
// Flags: --keys=N (default 100000), --import-keys=M (default 10000), --put-sample=P (default 500).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Etcd3 } from "etcd3";
import { ensureEtcd } from "../../scripts/lib/ensure-deps.mjs";
import { startEtcd } from "../../scripts/lib/etcd-process.mjs";
import { ensureBuild } from "../../scripts/lib/next-build.mjs";
import { startBenchGateway } from "../lib/bench-gateway.mjs";
import { groupStats } from "../watch/proc-stats.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const ETCDCTL = "/usr/bin/etcdctl";
const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const m = /^--([a-z-]+)=(\d+)$/.exec(a);
    if (!m) {
      console.error("usage: npm run bench:bulk [-- --keys=N --import-keys=M --put-sample=P]");
      process.exit(2);
    }
    return [m[1], Number(m[2])];
  }),
);
const KEYS = args.keys ?? 100_000;
const IMPORT_KEYS = args["import-keys"] ?? 10_000;
const PUT_SAMPLE = Math.min(args["put-sample"] ?? 500, IMPORT_KEYS);
const VALUE = "v".repeat(1024);

/** @type {(() => Promise<void>)[]} */
const cleanups = [];
let cleaning;
const cleanup = () =>
  (cleaning ??= (async () => {
    for (const step of cleanups.reverse()) await step().catch(() => undefined);
  })());
process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));
process.on("SIGTERM", () => void cleanup().then(() => process.exit(143)));

const log = (/** @type {string} */ msg) => console.log(`[bench:bulk] ${msg}`);
const mib = (/** @type {number} */ b) => `${(b / 1024 / 1024).toFixed(0)} MiB`;

/** Run a command to completion, discarding stdout; optional stdin text. */
function run(cmd, argv, input, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, {
      stdio: ["pipe", "ignore", "pipe"],
      env: { ...process.env, ...env },
    });
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    child.on("exit", (code) =>
      code === 0 ? resolve(undefined) : reject(new Error(`${cmd} exited ${code}: ${err}`)),
    );
    child.stdin.end(input ?? "");
  });
}

async function timed(fn) {
  const t0 = performance.now();
  const out = await fn();
  return { ms: performance.now() - t0, out };
}

async function load(client, prefix, n) {
  for (let i = 0; i < n; i += 128) {
    const ops = [];
    for (let j = i; j < Math.min(n, i + 128); j++) {
      ops.push({
        request_put: {
          key: Buffer.from(`${prefix}${String(j).padStart(7, "0")}`),
          value: Buffer.from(VALUE),
        },
      });
    }
    await client.kv.txn({ compare: [], success: ops, failure: [] });
    if ((i / 128) % 200 === 0) log(`loaded ${i}/${n}`);
  }
}

async function main() {
  ensureEtcd();
  ensureBuild(ROOT, "bench:bulk");
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "etcd-explorer-bench-bulk-"));
  cleanups.push(async () => fs.rmSync(tmp, { recursive: true, force: true }));
  const etcd = await startEtcd({
    dataDir: path.join(tmp, "etcd"),
    extraArgs: ["--quota-backend-bytes", String(4 * 1024 ** 3)],
    onSpawn: (proc) => cleanups.push(() => proc.stop()),
  });
  log(`etcd ${etcd.endpoint} (pid ${etcd.pid})`);
  const client = new Etcd3({
    hosts: [etcd.endpoint],
    grpcOptions: { "grpc.max_receive_message_length": -1 },
  });
  cleanups.push(async () => client.close());
  await load(client, "/bench/export/", KEYS);
  log(`loaded ${KEYS} keys of 1 KiB`);

  const server = await startBenchGateway({
    root: ROOT,
    tmp,
    etcdEndpoint: etcd.endpoint,
    cleanups,
  });
  log(`gateway ${server.url} (pid ${server.pid})`);
  await fetch(`${server.url}/api/v1/health`); // warm the route code

  // Export: gateway vs etcdctl, each run twice (the first warms etcd's caches); the second counts.
  const exportOnce = async () => {
    const res = await fetch(
      `${server.url}/api/v1/export?prefix=${encodeURIComponent("/bench/export/")}`,
    );
    let bytes = 0;
    let lines = 0;
    for await (const chunk of res.body) {
      bytes += chunk.length;
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
    }
    return { bytes, keys: lines - 1 };
  };
  const etcdctlGet = () =>
    run(
      ETCDCTL,
      ["--endpoints", etcd.endpoint, "get", "--prefix", "/bench/export/", "-w", "json"],
      "",
      { ETCDCTL_API: "3" },
    );
  await etcdctlGet();
  const ctl = await timed(etcdctlGet);
  // The raw etcd3 client (the gateway's own gRPC client) paging the prefix, 1,000 keys a Range.
  const rawRead = async () => {
    let from = Buffer.from("/bench/export/");
    for (;;) {
      const res = await client.kv.range({
        key: from,
        range_end: Buffer.from("/bench/export0"),
        limit: 1000,
      });
      if (!res.more) break;
      from = Buffer.concat([res.kvs[res.kvs.length - 1].key, Buffer.from([0])]);
    }
  };
  await rawRead();
  const raw = await timed(rawRead);
  const rssBefore = groupStats(server.pid).rssBytes;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, groupStats(server.pid).rssBytes)), 50);
  await exportOnce();
  const gw = await timed(exportOnce);
  clearInterval(sampler);
  const rssAfter = groupStats(server.pid).rssBytes;
  log(
    `export: gateway ${gw.ms.toFixed(0)} ms (${gw.out.keys} keys, ${mib(gw.out.bytes)}), etcdctl ${ctl.ms.toFixed(0)} ms`,
  );

  // Import: a file of IMPORT_KEYS keys of 1 KiB.
  const lines = [
    JSON.stringify({
      format: "etcd-explorer/v1",
      prefix: "/src/",
      revision: "1",
      exportedAt: new Date().toISOString(),
    }),
  ];
  for (let i = 0; i < IMPORT_KEYS; i++) {
    lines.push(
      JSON.stringify({
        key: `/src/${String(i).padStart(7, "0")}`,
        keyEncoding: "utf8",
        value: VALUE,
        valueEncoding: "utf8",
      }),
    );
  }
  const file = `${lines.join("\n")}\n`;
  const imp = await timed(async () => {
    const res = await fetch(
      `${server.url}/api/v1/import?mode=create-only&prefix=${encodeURIComponent("/bench/imp-gw/")}`,
      {
        method: "POST",
        headers: { "content-type": "application/x-ndjson" },
        body: file,
      },
    );
    const body = await res.json();
    if (res.status !== 200)
      throw new Error(`import answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
    return body;
  });
  log(
    `import: gateway ${imp.ms.toFixed(0)} ms (${JSON.stringify(imp.out.counts)}, ${imp.out.txns} txns)`,
  );

  const txnBatches = await timed(async () => {
    for (let i = 0; i < IMPORT_KEYS; i += 128) {
      const ops = [];
      for (let j = i; j < Math.min(IMPORT_KEYS, i + 128); j++)
        ops.push(`put /bench/imp-txn/${String(j).padStart(7, "0")} ${VALUE}`);
      await run(ETCDCTL, ["--endpoints", etcd.endpoint, "txn"], `\n${ops.join("\n")}\n\n\n`, {
        ETCDCTL_API: "3",
      });
    }
  });
  log(`import: etcdctl txn batches ${txnBatches.ms.toFixed(0)} ms`);
  const putLoop = await timed(async () => {
    for (let i = 0; i < PUT_SAMPLE; i++) {
      await run(
        ETCDCTL,
        [
          "--endpoints",
          etcd.endpoint,
          "put",
          `/bench/imp-put/${String(i).padStart(7, "0")}`,
          VALUE,
        ],
        "",
        { ETCDCTL_API: "3" },
      );
    }
  });
  const putLoopScaled = (putLoop.ms / PUT_SAMPLE) * IMPORT_KEYS;
  log(
    `import: etcdctl put loop ${putLoop.ms.toFixed(0)} ms for ${PUT_SAMPLE} keys → ${putLoopScaled.toFixed(0)} ms scaled to ${IMPORT_KEYS}`,
  );
  const check = await client.kv.range({
    key: Buffer.from("/bench/imp-gw/"),
    range_end: Buffer.from("/bench/imp-gw0"),
    count_only: true,
  });

  const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
  console.log(`
export of ${KEYS} keys (1 KiB values), second run of each; ${os.cpus().length} CPUs (shared)
  GET /api/v1/export            ${gw.ms.toFixed(0).padStart(7)} ms   ${ratio(gw.ms, ctl.ms)} of etcdctl   (target ≤ 1.5×)
  etcdctl get --prefix -w json  ${ctl.ms.toFixed(0).padStart(7)} ms
  raw etcd3 range pages (1,000) ${raw.ms.toFixed(0).padStart(7)} ms   gateway ${ratio(gw.ms, raw.ms)} of it (no JSON, no HTTP)
  gateway RSS: ${mib(rssBefore)} before, peak ${mib(peak)} during, ${mib(rssAfter)} after (export ${mib(gw.out.bytes)})

import of ${IMPORT_KEYS} keys (1 KiB values)
  POST /api/v1/import           ${imp.ms.toFixed(0).padStart(7)} ms   (${imp.out.txns} txns; ${check.count} keys written)
  etcdctl txn, 128 puts a batch ${txnBatches.ms.toFixed(0).padStart(7)} ms   gateway ${ratio(imp.ms, txnBatches.ms)} of it
  etcdctl put loop              ${putLoopScaled.toFixed(0).padStart(7)} ms   gateway ${ratio(imp.ms, putLoopScaled)} of it (measured on ${PUT_SAMPLE} keys, scaled)
`);
}

main()
  .then(cleanup)
  .catch(async (err) => {
    console.error(`[bench:bulk] ${err instanceof Error ? err.stack : err}`);
    await cleanup();
    process.exit(1);
  });
