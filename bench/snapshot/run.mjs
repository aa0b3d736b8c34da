// `npm run bench:snapshot`: downloading a snapshot through the gateway beside etcdctl and a raw
// etcd3 client, from one run on one etcd:
//  (a) `etcdctl snapshot save`: time;
//  (b) raw etcd3 Maintenance.Snapshot stream written to a file: time;
//  (c) `GET /api/v1/cluster/snapshot` read by a plain HTTP client into a file: time, and the
//      gateway's RSS growth (its process group, sampled every 50 ms) against the snapshot size;
//  (d) (run before (c), on a fresh gateway) the same download read 8 MiB, then stalled 3 s:
//      the gateway's RSS growth meanwhile.
// Size: BENCH_SNAPSHOT_MIB (default 128) of 1 MiB random values. Starts its own etcd and
// `next start`; stops both by PID. Prints figures; never fails on time.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Etcd3 } from "etcd3";
import { ensureEtcd } from "../../scripts/lib/ensure-deps.mjs";
import { ETCDCTL_BIN, freePort, startEtcd } from "../../scripts/lib/etcd-process.mjs";
import { ensureBuild } from "../../scripts/lib/next-build.mjs";
import { startNext } from "../../scripts/lib/next-server.mjs";
import { groupStats } from "../watch/proc-stats.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const MIB = Number(process.env.BENCH_SNAPSHOT_MIB ?? 128);

const cleanups = /** @type {(() => Promise<unknown>)[]} */ ([]);
const cleanup = async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
};
process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));

const mib = (bytes) => (bytes / 2 ** 20).toFixed(1);

async function main() {
  ensureEtcd();
  ensureBuild(ROOT, "bench:snapshot");
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "etcd-explorer-bench-snapshot-"));
  cleanups.push(async () => fs.rmSync(tmp, { recursive: true, force: true }));
  const etcd = await startEtcd({
    dataDir: path.join(tmp, "etcd"),
    extraArgs: ["--quota-backend-bytes", String((MIB + 256) * 2 ** 20)],
  });
  cleanups.push(() => etcd.stop());
  const client = new Etcd3({ hosts: etcd.endpoint });
  cleanups.push(async () => client.close());
  for (let i = 0; i < MIB; i++)
    await client
      .put(`/bench/${i}`)
      .value(randomBytes(2 ** 20))
      .exec();
  const dbSize = Number((await client.maintenance.status()).dbSize);
  console.log(`etcd DB: ${mib(dbSize)} MiB (${MIB} × 1 MiB values)`);

  const port = await freePort();
  const env = { ...process.env, ETCD_ENDPOINTS: etcd.endpoint, NODE_ENV: "production" };
  const gateway = await startNext({
    root: ROOT,
    host: "127.0.0.1",
    port,
    env,
    logFile: path.join(tmp, "next.log"),
  });
  cleanups.push(() => gateway.stop());

  // (a) etcdctl
  let t0 = performance.now();
  execFileSync(
    ETCDCTL_BIN,
    [`--endpoints=${etcd.endpoint}`, "snapshot", "save", path.join(tmp, "a.db")],
    {
      env: { ...process.env, ETCDCTL_API: "3" },
      stdio: "ignore",
    },
  );
  const etcdctlMs = performance.now() - t0;

  // (b) raw etcd3 stream
  t0 = performance.now();
  const out = fs.createWriteStream(path.join(tmp, "b.db"));
  const stream = await client.maintenance.snapshot();
  await new Promise((resolve, reject) => {
    stream.on("data", (r) => {
      if (!out.write(r.blob)) {
        stream.pause();
        out.once("drain", () => stream.resume());
      }
    });
    stream.on("end", resolve);
    stream.on("error", reject);
  });
  await new Promise((r) => out.end(r));
  const rawMs = performance.now() - t0;

  // (d) a client that reads 8 MiB, then stops for 3 s: what the gateway queues meanwhile is
  // what backpressure fails to hold back (the RSS in (c) also counts garbage not yet collected).
  // Warm up first: the first API call loads etcd3, grpc-js and the protos (tens of MiB).
  await (await fetch(`${gateway.url}/api/v1/cluster`)).arrayBuffer();
  await new Promise((r) => setTimeout(r, 500));
  const rss1 = groupStats(gateway.pid).rssBytes;
  const slow = await fetch(`${gateway.url}/api/v1/cluster/snapshot`);
  const reader = slow.body.getReader();
  let read = 0;
  while (read < 8 * 2 ** 20) {
    const { done, value } = await reader.read();
    if (done) break;
    read += value.length;
  }
  const rssAtStall = groupStats(gateway.pid).rssBytes;
  await new Promise((r) => setTimeout(r, 3000));
  const rssAfterStall = groupStats(gateway.pid).rssBytes;
  await reader.cancel();
  console.log(
    `stalled reader (8 MiB read, then 3 s without reading): gateway RSS ${mib(rss1)} → ${mib(rssAtStall)} → ${mib(rssAfterStall)} MiB (growth while stalled ${mib(rssAfterStall - rssAtStall)} MiB; ${mib(dbSize - read)} MiB of the DB unread)`,
  );

  // (c) the gateway
  const rss0 = groupStats(gateway.pid).rssBytes;
  let peak = rss0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, groupStats(gateway.pid).rssBytes);
  }, 50);
  t0 = performance.now();
  const res = await fetch(`${gateway.url}/api/v1/cluster/snapshot`);
  if (!res.ok) throw new Error(`gateway answered ${res.status}: ${await res.text()}`);
  const fd = fs.openSync(path.join(tmp, "c.db"), "w");
  let bytes = 0;
  for await (const chunk of res.body) {
    fs.writeSync(fd, chunk);
    bytes += chunk.length;
  }
  fs.closeSync(fd);
  const gatewayMs = performance.now() - t0;
  clearInterval(sampler);
  peak = Math.max(peak, groupStats(gateway.pid).rssBytes);

  const status = JSON.parse(
    execFileSync(ETCDCTL_BIN, ["snapshot", "status", path.join(tmp, "c.db"), "-w", "json"], {
      env: { ...process.env, ETCDCTL_API: "3" },
    }).toString(),
  );
  const rows = [
    ["etcdctl snapshot save", etcdctlMs, fs.statSync(path.join(tmp, "a.db")).size],
    ["raw etcd3 stream", rawMs, fs.statSync(path.join(tmp, "b.db")).size],
    ["gateway GET /cluster/snapshot", gatewayMs, bytes],
  ];
  for (const [what, ms, size] of rows) {
    const ratio = (ms / etcdctlMs).toFixed(2);
    console.log(
      `${what.padEnd(30)} ${ms.toFixed(0).padStart(6)} ms  ${mib(size)} MiB  ${(size / 2 ** 20 / (ms / 1000)).toFixed(0)} MiB/s  ×${ratio} etcdctl`,
    );
  }
  console.log(
    `gateway RSS ${mib(rss0)} → peak ${mib(peak)} MiB: growth ${mib(peak - rss0)} MiB = ${((100 * (peak - rss0)) / bytes).toFixed(1)}% of the snapshot`,
  );
  console.log(
    `etcdctl snapshot status of the gateway's file: ${status.totalKey} keys, revision ${status.revision}`,
  );
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(cleanup);
