import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Etcd3 } from "etcd3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as watch from "@/app/api/v1/watch/route";
import { closeAllFeeds } from "@/lib/etcd/watch/watch-hub";
import { memberServingWatch, startCluster } from "../../scripts/lib/etcd-process.mjs";
import { q } from "../helpers/api";
import { openSse } from "../helpers/sse";

// This file runs its own 3-member cluster and points the gateway at all three members.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "etcd-cluster-"));
const holder = globalThis as { __etcdExplorerClients?: unknown };
let cluster: Awaited<ReturnType<typeof startCluster>>;
let etcd: Etcd3;

beforeAll(async () => {
  cluster = await startCluster({ baseDir: dir, progressNotifyInterval: "1s" });
  delete holder.__etcdExplorerClients;
  process.env.ETCD_ENDPOINTS = cluster.endpoints.join(",");
  etcd = new Etcd3({ hosts: cluster.endpoints });
}, 60_000);
afterAll(async () => {
  closeAllFeeds();
  etcd?.close();
  await cluster?.stop();
  delete holder.__etcdExplorerClients;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("watch on a 3-member cluster", () => {
  it("loses nothing when the member serving the watch dies during a 5k-revision catch-up", async () => {
    const p = "/failover/";
    const first = await etcd.put(`${p}start`).value("0").exec();
    const revisions = [first.header.revision];
    for (let i = 0; i < 5000; i += 100) {
      const batch = Array.from({ length: 100 }, (_, j) =>
        etcd
          .put(`${p}k${(i + j) % 97}`)
          .value(String(i + j))
          .exec(),
      );
      for (const r of await Promise.all(batch)) revisions.push(r.header.revision);
    }
    revisions.sort((a, b) => Number(BigInt(a) - BigInt(b)));

    const sse = await openSse(
      watch.GET,
      `/api/v1/watch?prefix=${q(p)}&fromRevision=${first.header.revision}`,
    );
    const seen: string[] = [];
    let killed = false;
    while (seen.length < revisions.length) {
      const m = await sse.next((x) => x.event === "change", 20_000);
      seen.push(m.id!);
      if (!killed && seen.length === 500) {
        killed = true;
        const serving = await memberServingWatch(cluster.members);
        expect(serving, "one member serves the gateway's watch stream").toBeGreaterThanOrEqual(0);
        await cluster.members[serving].stop("SIGKILL");
      }
    }
    sse.close();
    expect(killed).toBe(true);
    expect(seen).toEqual(revisions);
  }, 120_000);
});
