import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Etcd3 } from "etcd3";
import { freePort } from "../scripts/lib/etcd-process.mjs";
import { followSse, type SseMessage } from "../scripts/lib/sse-client.mjs";
import { expect, test } from "./fixtures";
import { startGateway, stopNext } from "./servers";

// Gateways are stateless: a watch resumed with Last-Event-ID on a fresh gateway process, after
// the one serving it was killed mid-stream, loses and duplicates nothing.
test("a watch survives its gateway being killed, resumed on another replica", async () => {
  test.setTimeout(120_000);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "etcd-explorer-restart-"));
  const endpoints = process.env.ETCD_ENDPOINTS!;
  const etcd = new Etcd3({ hosts: endpoints.split(",") });
  const prefix = `/e2e-restart-${Date.now()}/`;
  const start = async (name: string) =>
    startGateway({
      port: await freePort(),
      etcdEndpoints: endpoints,
      logFile: path.join(dir, `${name}.log`),
    });
  let gateway = await start("a");
  const written: string[] = [];
  const seen: string[] = [];
  let txnsWhole = true;
  try {
    const first = await etcd.put(`${prefix}start`).value("0").exec();
    written.push(first.header.revision);
    const writer = (async () => {
      for (let i = 1; i < 1500; i++) {
        if (i % 10 === 0) {
          const txn = await etcd
            .if(`${prefix}t${i}`, "Version", "==", 0)
            .then(etcd.put(`${prefix}t${i}`).value("a"), etcd.put(`${prefix}t${i}-b`).value("b"))
            .commit();
          written.push(txn.header.revision);
        } else {
          written.push(
            (
              await etcd
                .put(`${prefix}k${i % 20}`)
                .value(String(i))
                .exec()
            ).header.revision,
          );
        }
      }
    })();
    const onMessage = (m: SseMessage) => {
      if (m.event !== "change") return;
      seen.push(m.id!);
      const { events } = JSON.parse(m.data);
      if (events[0].kv.key.includes("/t") && events.length !== 2) txnsWhole = false;
    };
    let headers: Record<string, string> = {};
    let url = `/api/v1/watch?prefix=${encodeURIComponent(prefix)}&fromRevision=${first.header.revision}`;
    for (let round = 0; round < 3; round++) {
      const abort = new AbortController();
      const reading = followSse(`${gateway.url}${url}`, {
        headers,
        signal: abort.signal,
        onMessage,
      });
      await expect
        .poll(() => seen.length, { message: "events flow before the gateway is killed" })
        .toBeGreaterThan(round * 400 + 100);
      stopNext(gateway.pid, "SIGKILL");
      await reading;
      gateway = await start(`replica-${round}`);
      headers = { "last-event-id": seen[seen.length - 1] };
      url = `/api/v1/watch?prefix=${encodeURIComponent(prefix)}`;
    }
    const abort = new AbortController();
    void followSse(`${gateway.url}${url}`, { headers, signal: abort.signal, onMessage });
    await writer;
    await expect
      .poll(() => seen.length, {
        message: "every revision arrives after the last restart",
        timeout: 30_000,
      })
      .toBeGreaterThanOrEqual(written.length);
    abort.abort();
    expect(seen, "each revision exactly once, in order, across three gateway deaths").toEqual(
      written,
    );
    expect(txnsWhole, "every transaction arrives whole").toBe(true);
  } finally {
    stopNext(gateway.pid);
    await etcd.delete().prefix(prefix);
    etcd.close();
    await fs.rm(dir, { recursive: true, force: true });
  }
});
