import { autoImplementMethods } from "next/dist/server/route-modules/app-route/helpers/auto-implement-methods";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import * as watch from "@/app/api/v1/watch/route";
import { openFeedCount } from "@/lib/etcd/watch/watch-hub";
import { openStreams } from "@/lib/http/security/stream-limits";
import { SSE_MAX_UNREAD_BYTES, SSE_STALL_MS, sseLimits } from "@/lib/http/sse";
import { sseParser, type SseMessage } from "../../scripts/lib/sse-client.mjs";
import { q, rawClient, uniquePrefix } from "../helpers/api";
import { openSse } from "../helpers/sse";

const etcd = rawClient();
const base = uniquePrefix("watch-resources");
afterAll(async () => {
  await etcd.delete().prefix(base);
  etcd.close();
});
beforeEach(() => {
  sseLimits.maxUnreadBytes = SSE_MAX_UNREAD_BYTES;
  sseLimits.stallMs = SSE_STALL_MS;
});
afterEach(() => {
  sseLimits.maxUnreadBytes = SSE_MAX_UNREAD_BYTES;
  sseLimits.stallMs = SSE_STALL_MS;
});

async function waitFor(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  return cond();
}

/**
 * Read SSE messages from `reader` (the shared client's parser) until `until(event, id)` says
 * stop; returns the last change id. Reads no further than that, so the test can stop reading.
 */
async function readUntil(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  until: (event: string, id: string | undefined) => boolean,
): Promise<string | undefined> {
  const parsed: SseMessage[] = [];
  const feed = sseParser((m) => parsed.push(m));
  let lastChange: string | undefined;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error("stream ended");
    feed(value);
    for (const m of parsed.splice(0)) {
      if (m.event === "change") lastChange = m.id;
      if (until(m.event, m.id)) return lastChange;
    }
  }
}

describe("watch stream resources", () => {
  // First in the file, so no other test's feed is lingering while it counts feeds.
  it("bounds a feed's replay ring by bytes: a later joiner from before it gets its own etcd watcher and every revision", async () => {
    const p = `${base}ring/`;
    const seed = await etcd.put(`${p}seed`).value("0").exec();
    const written = [seed.header.revision];
    const url = `/api/v1/watch?prefix=${q(p)}&fromRevision=${seed.header.revision}`;
    const first = await openSse(watch.GET, url);
    await first.next((m) => m.event === "ready");
    const feeds = openFeedCount();
    // 20 values of 1 MiB: about 40 MiB held as messages plus frames, past the 32 MiB ring.
    const value = "r".repeat(1024 * 1024);
    for (let i = 0; i < 20; i++) {
      written.push(
        (
          await etcd
            .put(`${p}k${i % 4}`)
            .value(value)
            .exec()
        ).header.revision,
      );
    }
    const seenFirst: string[] = [];
    while (seenFirst.length < written.length) {
      seenFirst.push((await first.next((m) => m.event === "change")).id!);
    }
    expect(seenFirst).toEqual(written);

    const late = await openSse(watch.GET, url);
    expect(openFeedCount(), "the trimmed ring can't serve it: a new etcd watcher").toBe(feeds + 1);
    const seenLate: string[] = [];
    while (seenLate.length < written.length) {
      seenLate.push((await late.next((m) => m.event === "change")).id!);
    }
    expect(seenLate).toEqual(written);
    first.close();
    late.close();
  });

  it("drops a stream whose client stops reading once its unread bytes pass the cap; a resume with Last-Event-ID gets every revision", async () => {
    sseLimits.maxUnreadBytes = 256 * 1024;
    const p = `${base}slow/`;
    const seed = await etcd.put(`${p}seed`).value("0").exec();
    const written = [seed.header.revision];
    const url = `/api/v1/watch?prefix=${q(p)}`;
    const res = await watch.GET(
      new Request(`http://127.0.0.1${url}&fromRevision=${seed.header.revision}`),
    );
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const lastId = await readUntil(reader, (e, id) => e === "change" && id === written[0]);
    const open = openStreams().total;

    // The client stops reading while 1.5 MiB of values are written under the watched prefix.
    const value = "v".repeat(32 * 1024);
    for (let i = 0; i < 48; i++) {
      written.push(
        (
          await etcd
            .put(`${p}k${i % 8}`)
            .value(value)
            .exec()
        ).header.revision,
      );
    }
    expect(
      await waitFor(() => openStreams().total === open - 1, 15_000),
      "the gateway released the stream's slot",
    ).toBe(true);
    await expect(reader.read(), "the stream was aborted, its queue discarded").rejects.toThrow(
      /slow consumer/,
    );

    // The browser reconnects with the last id it saw and gets every later revision once.
    const resumed = await openSse(watch.GET, url, { "last-event-id": lastId! });
    const seen: string[] = [];
    while (seen[seen.length - 1] !== written[written.length - 1]) {
      seen.push((await resumed.next((m) => m.event === "change")).id!);
    }
    resumed.close();
    expect(seen).toEqual(written.slice(1));
  });

  it("closes a stream whose body is never read, releasing its slot", async () => {
    sseLimits.stallMs = 1_000;
    const open = openStreams().total;
    const res = await watch.GET(
      new Request(`http://127.0.0.1/api/v1/watch?prefix=${q(`${base}unread/`)}`),
    );
    expect(res.status).toBe(200);
    expect(openStreams().total).toBe(open + 1);
    expect(
      await waitFor(() => openStreams().total === open, 10_000),
      "the slot came back although nobody read or cancelled the body",
    ).toBe(true);
  });

  it("answers HEAD as Next routes it without opening a stream or an etcd watcher", async () => {
    // Next fills in HEAD from the route module's exports exactly like this (GET when absent).
    const methods = autoImplementMethods(watch as never) as unknown as Record<
      string,
      (req: Request, ctx: unknown) => Promise<Response>
    >;
    const streams = openStreams().total;
    const feeds = openFeedCount();
    for (let i = 0; i < 40; i++) {
      const res = await methods.HEAD(
        new Request(`http://127.0.0.1/api/v1/watch?prefix=${q(`${base}head/`)}`, {
          method: "HEAD",
        }),
        undefined,
      );
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    }
    expect(openStreams().total, "no stream slot is held").toBe(streams);
    expect(openFeedCount(), "no etcd watcher was opened").toBeLessThanOrEqual(feeds);
    const bad = await methods.HEAD(
      new Request(`http://127.0.0.1/api/v1/watch?prefix=/&fromRevision=x`, { method: "HEAD" }),
      undefined,
    );
    expect(bad.status).toBe(400);
  });
});
