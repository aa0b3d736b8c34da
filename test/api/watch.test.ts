import { afterAll, describe, expect, it } from "vitest";
import * as watch from "@/app/api/v1/watch/route";
import { closeAllFeeds } from "@/lib/etcd/watch-hub";
import { rawClient, q, uniquePrefix } from "../helpers/api";
import { openSse, type SseMessage } from "../helpers/sse";

const etcd = rawClient();
const base = uniquePrefix("watch");
afterAll(async () => {
  await etcd.delete().prefix(base);
  etcd.close();
});

const isChange = (m: SseMessage) => m.event === "change";

describe("GET /api/v1/watch", () => {
  it("streams one message per revision, a transaction whole, id = revision", async () => {
    const p = `${base}basic/`;
    const sse = await openSse(watch.GET, `/api/v1/watch?prefix=${q(p)}&prevKv=1`);
    expect(sse.status).toBe(200);
    expect(sse.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const ready = await sse.next((m) => m.event === "ready");
    expect(ready.data.startRevision).toBe(String(BigInt(ready.data.revision) + 1n));
    await etcd.put(`${p}a`).value("1");
    await etcd.put(`${p}a`).value("2");
    await etcd.put(`${base}outside`).value("not watched");
    const txn = await etcd
      .if(`${p}a`, "Value", "==", "2")
      .then(etcd.put(`${p}b`).value("x"), etcd.put(`${p}c`).value("y"), etcd.delete().key(`${p}a`))
      .commit();
    const first = await sse.next(isChange);
    expect(first.data.events).toMatchObject([{ type: "put", kv: { key: `${p}a`, value: "1" } }]);
    const second = await sse.next(isChange);
    expect(second.data.events[0].prevKv.value).toBe("1");
    const third = await sse.next(isChange);
    expect(third.id).toBe(txn.header.revision);
    expect(third.data.events.map((e: any) => `${e.type}:${e.kv.key}`)).toEqual([
      `put:${p}b`,
      `put:${p}c`,
      `delete:${p}a`,
    ]);
    sse.close();
  });

  it("delivers every revision exactly once across reconnects and gateway restarts", async () => {
    const p = `${base}resume/`;
    let writing = true;
    const written: string[] = [];
    const writer = (async () => {
      for (let i = 0; writing && i < 3000; i++) {
        if (i % 10 === 0) {
          const r = await etcd
            .if(`${p}k${i}`, "Version", "==", 0)
            .then(etcd.put(`${p}k${i}`).value("t1"), etcd.put(`${p}k${i}-b`).value("t2"))
            .commit();
          written.push(r.header.revision);
        } else {
          written.push(
            (
              await etcd
                .put(`${p}k${i % 50}`)
                .value(String(i))
                .exec()
            ).header.revision,
          );
        }
      }
    })();
    const seen: string[] = [];
    let last: string | undefined;
    let sse = await openSse(watch.GET, `/api/v1/watch?prefix=${q(p)}&fromRevision=1`);
    const finished = writer.then(() => (writing = false));
    let reconnects = 0;
    while (seen.length < 3000) {
      try {
        const m = await sse.next(isChange, 5_000);
        seen.push(m.id!);
        last = m.id;
        const txnSize = m.data.events.length;
        if (m.data.events[0].kv.value === "t1") expect(txnSize, "a txn arrives whole").toBe(2);
        if (seen.length % 250 === 0) {
          sse.close(); // the browser drops the connection and reconnects with Last-Event-ID
          // Every other time the gateway "restarts" too: no feed or ring survives.
          if (reconnects % 2 === 1) closeAllFeeds();
          reconnects++;
          sse = await openSse(watch.GET, `/api/v1/watch?prefix=${q(p)}`, {
            "last-event-id": last!,
          });
        }
      } catch (err) {
        if (!writing && seen.length >= written.length) break;
        throw err;
      }
    }
    await finished;
    sse.close();
    expect(reconnects).toBeGreaterThan(5);
    expect(seen).toEqual(written);
  }, 120_000);

  it("tells the client plainly when its start was compacted, then goes on live", async () => {
    const p = `${base}compact/`;
    const old = await etcd.put(`${p}a`).value("1").exec();
    await etcd.put(`${p}a`).value("2");
    const now = await etcd.put(`${p}a`).value("3").exec();
    await etcd.kv.compact({ revision: now.header.revision });
    const sse = await openSse(watch.GET, `/api/v1/watch?prefix=${q(p)}`, {
      "last-event-id": old.header.revision,
    });
    const reset = await sse.next((m) => m.event === "reset");
    expect(reset.data).toMatchObject({ reason: "compacted", compactRevision: now.header.revision });
    expect(reset.id).toBe(reset.data.revision);
    const after = await etcd.put(`${p}a`).value("4").exec();
    const change = await sse.next(isChange);
    expect(change.id).toBe(after.header.revision);
    sse.close();
  });

  it("keeps an idle stream's resume point fresh with progress ids past unrelated writes", async () => {
    const p = `${base}idle/`;
    const sse = await openSse(watch.GET, `/api/v1/watch?prefix=${q(p)}`);
    const ready = await sse.next((m) => m.event === "ready");
    const unrelated = await etcd.put(`${base}elsewhere`).value("x").exec();
    const progress = await sse.next(
      (m) => m.event === "progress" && BigInt(m.id!) >= BigInt(unrelated.header.revision),
      15_000,
    );
    expect(BigInt(progress.id!)).toBeGreaterThan(BigInt(ready.data.revision));
    sse.close();
  });

  it("answers 400 JSON for bad input", async () => {
    const res = await watch.GET(
      new Request("http://127.0.0.1/api/v1/watch?fromRevision=x&prefix=/"),
    );
    expect(res.status).toBe(400);
    expect((await res.json()).error.details.field).toBe("fromRevision");
  });
});
