import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Etcd3 } from "etcd3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as watch from "@/app/api/v1/watch/route";
import type { EtcdClients } from "@/lib/etcd/client";
import { closeAllFeeds } from "@/lib/etcd/watch/watch-hub";
import { setWatchTiming } from "@/lib/etcd/watch/watch-timing";
import { startEtcd } from "../../scripts/lib/etcd-process.mjs";
import { q } from "../helpers/api";
import { openSse } from "../helpers/sse";

// This file runs its own etcd (SIGSTOP must not freeze other test files) with etcd's default
// periodic progress notifications (every 10 min): the only progress answers the gateway sees are
// the ones it requests, as on most production clusters. The feed's watchdog is shortened so
// that a stall round takes seconds instead of the 20 s the default waits.
const PROGRESS_EVERY_MS = 250;
const STALL_AFTER_MS = 1_200;
const ROUNDS = 8;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "etcd-stall-"));
const holder = globalThis as { __etcdExplorerClients?: EtcdClients };
let etcd: Awaited<ReturnType<typeof startEtcd>>;
let writer: Etcd3;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  etcd = await startEtcd({ dataDir: path.join(dir, "etcd"), progressNotifyInterval: "10m" });
  delete holder.__etcdExplorerClients;
  process.env.ETCD_ENDPOINTS = etcd.endpoint;
  setWatchTiming({ progressEveryMs: PROGRESS_EVERY_MS, stallAfterMs: STALL_AFTER_MS });
  writer = new Etcd3({ hosts: etcd.endpoint });
}, 60_000);

afterAll(async () => {
  closeAllFeeds();
  setWatchTiming();
  const clients = holder.__etcdExplorerClients;
  for (const c of [clients?.read, clients?.write, clients?.watch]) c?.close();
  delete holder.__etcdExplorerClients;
  writer?.close();
  await etcd?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("a watch whose etcd stalls (SIGSTOP past the stall watchdog)", () => {
  it("delivers every revision exactly once, in order, over many stall rounds", async () => {
    const p = "/stall/";
    const sse = await openSse(watch.GET, `/api/v1/watch?prefix=${q(p)}`);
    expect(sse.status).toBe(200);
    await sse.next((m) => m.event === "ready");
    const written: string[] = [];
    const seen: string[] = []; // change ids
    const checkpoints: { progress: bigint; changesBefore: number }[] = [];
    let heartbeats = 0;
    const kinds = new Set(["change", "progress", "heartbeat"]);
    const reading = (async () => {
      for (;;) {
        const m = await sse.next((x) => kinds.has(x.event), 60_000);
        if (m.event === "change") seen.push(m.id!);
        else if (m.event === "progress") {
          checkpoints.push({ progress: BigInt(m.id!), changesBefore: seen.length });
        } else heartbeats++;
      }
    })().catch(() => undefined);

    for (let round = 0; round < ROUNDS; round++) {
      process.kill(etcd.pid, "SIGSTOP");
      let queued: Promise<{ header: { revision: string } }> | undefined;
      try {
        // Another client's put waits in etcd's socket while the gateway's watchdog gives up
        // on the stream and re-creates it from the last delivered revision + 1.
        await sleep(100);
        queued = writer.put(`${p}r${round}/queued`).value("q").exec();
        await sleep(STALL_AFTER_MS + PROGRESS_EVERY_MS + (round % 4) * 150);
      } finally {
        process.kill(etcd.pid, "SIGCONT");
      }
      written.push((await queued!).header.revision);
      for (let i = 0; i < 3; i++) {
        const res = await writer.put(`${p}r${round}/k${i}`).value(String(i)).exec();
        written.push(res.header.revision);
      }
      const last = written[written.length - 1];
      const deadline = Date.now() + 15_000;
      while (!seen.includes(last) && Date.now() < deadline) await sleep(50);
      expect(seen, `round ${round}: the stream reached revision ${last}`).toContain(last);
    }
    sse.close();
    await reading;
    expect(seen).toEqual(written);
    // A progress id promises every change up to it was delivered before it.
    for (const { progress, changesBefore } of checkpoints) {
      const owed = written.filter((r) => BigInt(r) <= progress);
      expect(seen.slice(0, changesBefore), `progress ${progress}`).toEqual(owed);
    }
    expect(heartbeats, "each answered progress request is a heartbeat").toBeGreaterThan(ROUNDS);
  }, 180_000);
});
