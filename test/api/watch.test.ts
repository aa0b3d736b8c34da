import { afterAll, describe, expect, it } from "vitest";
import * as watch from "@/app/api/v1/watch/route";
import { closeAllFeeds } from "@/lib/etcd/watch/watch-hub";
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
    expect(ready.id, "ready's id is the revision the stream starts after").toBe(
      ready.data.revision,
    );
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

  it("refuses revisions beyond int64 with 400, for fromRevision and Last-Event-ID", async () => {
    const url = `/api/v1/watch?prefix=${q(`${base}big/`)}`;
    const cases: [string, Record<string, string>, string][] = [
      [`${url}&fromRevision=${10n ** 23n}`, {}, "fromRevision"],
      [url, { "last-event-id": String(10n ** 23n) }, "Last-Event-ID"],
      [url, { "last-event-id": "9223372036854775808" }, "Last-Event-ID"],
      [url, { "last-event-id": "-5" }, "Last-Event-ID"],
    ];
    for (const [path, headers, field] of cases) {
      const res = await watch.GET(new Request(`http://127.0.0.1${path}`, { headers }));
      expect(res.status, `${path} ${JSON.stringify(headers)}`).toBe(400);
      const body = await res.json();
      expect(body.error).toMatchObject({ code: "invalid_request", details: { field } });
    }
  });

  it("refuses a start beyond the current revision + 1 and doesn't blind later watchers", async () => {
    const p = `${base}future/`;
    const now = BigInt((await etcd.put(`${p}seed`).value("0").exec()).header.revision);
    const url = `/api/v1/watch?prefix=${q(p)}`;
    const future: { path: string; headers: Record<string, string>; field: string }[] = [
      { path: `${url}&fromRevision=${now + 1000n}`, headers: {}, field: "fromRevision" },
      { path: url, headers: { "last-event-id": String(now + 1000n) }, field: "Last-Event-ID" },
      { path: url, headers: { "last-event-id": "9223372036854775807" }, field: "Last-Event-ID" },
    ];
    for (const { path, headers, field } of future) {
      const res = await watch.GET(new Request(`http://127.0.0.1${path}`, { headers }));
      expect(res.status, field).toBe(400);
      const { error } = await res.json();
      expect(error.code).toBe("invalid_request");
      expect(error.details.field).toBe(field);
      // Other tests write to the same etcd: the current revision is at least `now`.
      const current = BigInt(error.details.currentRevision);
      expect(current).toBeGreaterThanOrEqual(now);
      expect(error.message).toContain(String(current));
    }
    // A "from now" watcher of the same range still sees the next change.
    const live = await openSse(watch.GET, url);
    expect(live.status).toBe(200);
    await live.next((m) => m.event === "ready");
    const put = await etcd.put(`${p}a`).value("1").exec();
    expect((await live.next(isChange)).id).toBe(put.header.revision);
    live.close();
    // A start of current + 1 is "from now" in effect, and fine.
    const next = await openSse(
      watch.GET,
      `${url}&fromRevision=${BigInt(put.header.revision) + 1n}`,
    );
    expect(next.status).toBe(200);
    const ready = await next.next((m) => m.event === "ready");
    expect(ready.id).toBe(put.header.revision);
    const after = await etcd.put(`${p}b`).value("2").exec();
    expect((await next.next(isChange)).id).toBe(after.header.revision);
    next.close();
  });

  it("takes fromRevision=00 as from now, never as a start a later replay could join", async () => {
    const p = `${base}zero/`;
    const first = await etcd.put(`${p}a`).value("1").exec();
    const zero = await openSse(watch.GET, `/api/v1/watch?prefix=${q(p)}&fromRevision=00`);
    expect(zero.status).toBe(200);
    const ready = await zero.next((m) => m.event === "ready");
    expect(BigInt(ready.data.startRevision)).toBeGreaterThan(BigInt(first.header.revision));
    const replay = await openSse(
      watch.GET,
      `/api/v1/watch?prefix=${q(p)}&fromRevision=${first.header.revision}`,
    );
    expect((await replay.next(isChange)).id).toBe(first.header.revision);
    zero.close();
    replay.close();
  });

  it("a watcher from now doesn't join a feed still replaying a past start", async () => {
    const p = `${base}replaying/`;
    const first = await etcd.put(`${p}k`).value("first").exec();
    for (let i = 0; i < 400; i += 50) {
      await Promise.all(
        Array.from({ length: 50 }, (_, j) =>
          etcd
            .put(`${p}k${j}`)
            .value(String(i + j))
            .exec(),
        ),
      );
    }
    const last = BigInt((await etcd.put(`${p}k`).value("last").exec()).header.revision);
    const replay = await openSse(
      watch.GET,
      `/api/v1/watch?prefix=${q(p)}&fromRevision=${first.header.revision}`,
    );
    const fromNow = await openSse(watch.GET, `/api/v1/watch?prefix=${q(p)}`);
    const ready = await fromNow.next((m) => m.event === "ready");
    expect(BigInt(ready.data.startRevision)).toBeGreaterThan(last);
    expect(BigInt(ready.id!)).toBeGreaterThanOrEqual(last);
    const put = await etcd.put(`${p}new`).value("x").exec();
    expect((await fromNow.next(isChange)).id, "no replayed change first").toBe(put.header.revision);
    expect((await replay.next(isChange)).id).toBe(first.header.revision);
    replay.close();
    fromNow.close();
  });
});
