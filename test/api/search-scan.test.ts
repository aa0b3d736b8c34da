import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Etcd3 } from "etcd3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as search from "@/app/api/v1/search/route";
import * as stats from "@/app/api/v1/stats/route";
import { scanLimits, scanRange } from "@/lib/etcd/scan/scan";
import { startEtcd } from "../../scripts/lib/etcd-process.mjs";
import { q } from "../helpers/api";
import { keyBytes, ofType, sseAll } from "../helpers/scan";

// This file gets an etcd of its own: it compacts, counts etcd's Range requests and scans the
// whole keyspace, none of which may be disturbed by (or disturb) other test files.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "search-scan-"));
const holder = globalThis as { __etcdExplorerClients?: unknown };
let etcdProc: Awaited<ReturnType<typeof startEtcd>>;
let etcd: Etcd3;
const defaults = { ...scanLimits };

beforeAll(async () => {
  etcdProc = await startEtcd({ dataDir: path.join(dir, "etcd") });
  delete holder.__etcdExplorerClients;
  process.env.ETCD_ENDPOINTS = etcdProc.endpoint;
  etcd = new Etcd3({ hosts: etcdProc.endpoint });
});
/** Streams a test opened: aborted after it, so a failed test leaves no scan running. */
const opened: AbortController[] = [];
afterEach(() => {
  Object.assign(scanLimits, defaults);
  for (const a of opened.splice(0)) a.abort();
});
afterAll(async () => {
  etcd.close();
  delete holder.__etcdExplorerClients;
  await etcdProc.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** etcd's own count of Range requests served (the mvcc range counter on /metrics). */
async function etcdRanges(): Promise<number> {
  const text = await (await fetch(`${etcdProc.endpoint}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith("etcd_debugging_mvcc_range_total "));
  expect(line, "etcd_debugging_mvcc_range_total on /metrics").toBeDefined();
  return Number(line!.split(" ")[1]);
}

/** A deterministic pseudo-random generator (mulberry32). */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function putAll(keys: Buffer[], value = (i: number) => `v${i}`) {
  for (let i = 0; i < keys.length; i += 100) {
    await etcd.kv.txn({
      success: keys.slice(i, i + 100).map((key, j) => ({
        request_put: { key, value: Buffer.from(value(i + j)) },
      })),
    });
  }
}

describe("the scanner", () => {
  it("hands out every key of a prefix exactly once, in order, through its windows", async () => {
    const next = rng(7);
    const p = Buffer.from("/windows/");
    const keys = new Map<string, Buffer>();
    // Keys with shared stems, bytes up to 0xff and very uneven densities.
    for (let i = 0; i < 900; i++) {
      const len = 1 + Math.floor(next() * 6);
      const tail = Buffer.from(
        Array.from({ length: len }, () => (next() < 0.3 ? 0xff : Math.floor(next() * 4) * 60)),
      );
      const dense = i % 3 === 0 ? Buffer.from(`dense/${String(i).padStart(5, "0")}`) : tail;
      const key = Buffer.concat([p, dense]);
      keys.set(key.toString("hex"), key);
    }
    await putAll([...keys.values()]);
    const expected = [...keys.values()].sort(Buffer.compare).map((k) => k.toString("hex"));
    for (const [first, perRead] of [
      [7, 13],
      [50, 50],
      [1, 3],
    ]) {
      Object.assign(scanLimits, { firstReadKeys: first, keysPerRead: perRead });
      const seen: string[] = [];
      let total = 0n;
      for await (const page of scanRange({
        key: p,
        rangeEnd: Buffer.from("/windows0"),
        keysOnly: true,
        gentle: false,
        signal: new AbortController().signal,
      })) {
        seen.push(...page.kvs.map((kv) => kv.key.toString("hex")));
        total = page.total;
        expect(page.scanned).toBe(BigInt(seen.length));
      }
      expect(seen).toEqual(expected);
      expect(total).toBe(BigInt(expected.length));
    }
  });

  it("covers the whole keyspace (the empty prefix) and prefixes ending in 0xff", async () => {
    Object.assign(scanLimits, { firstReadKeys: 5, keysPerRead: 7 });
    await putAll([
      Buffer.from([0xff, 0xff, 1]),
      Buffer.from([0xff, 0xff, 0xff]),
      Buffer.from([0xff]),
    ]);
    const all = await etcd.kv.range({
      key: Buffer.from([0]),
      range_end: Buffer.from([0]),
      keys_only: true,
    });
    const res = await sseAll(search.GET, `/api/v1/search?q=${q("\uFFFD")}`);
    const expected = all.kvs.filter((kv) => kv.key.toString("utf8").includes("\uFFFD"));
    expect(ofType(res.events, "match").map((m) => keyBytes(m).toString("hex"))).toEqual(
      expected.map((kv) => kv.key.toString("hex")),
    );
    const ff = await sseAll(
      search.GET,
      `/api/v1/search?prefix=${q("//8=")}&prefixEncoding=base64&q=${q("\uFFFD")}`,
    );
    expect(ofType(ff.events, "match")).toHaveLength(2);
  });
});

describe("a search while keys are written", () => {
  it("every match is from the pinned revision, however the keys change during the scan", async () => {
    const p = "/pinned/";
    const keys = Array.from({ length: 400 }, (_, i) =>
      Buffer.from(`${p}k${String(i).padStart(4, "0")}`),
    );
    await putAll(keys, () => "old");
    // Slow the scan down so the writes below land in the middle of it.
    Object.assign(scanLimits, {
      firstReadKeys: 20,
      gentleKeysPerRead: 20,
      gentleKeysPerSecond: 400,
    });
    const abort = new AbortController();
    opened.push(abort);
    const res = await search.GET(
      new Request(
        `http://127.0.0.1/api/v1/search?prefix=${q(p)}&q=old&in=values&gentle=1&limit=100000`,
        { signal: abort.signal },
      ),
    );
    const events: { event: string; data: any }[] = [];
    const { readSse } = await import("../../scripts/lib/sse-client.mjs");
    const reading = readSse(res.body!, (m) =>
      events.push({ event: m.event, data: JSON.parse(m.data) }),
    );
    while (!events.some((e) => e.event === "progress")) await new Promise((r) => setTimeout(r, 10));
    const pinned = ofType(events, "progress")[0].revision as string;
    // Rewrite every key, delete some, add new ones — all after the pinned revision.
    for (let i = 0; i < keys.length; i += 50) {
      await etcd.kv.txn({
        success: keys
          .slice(i, i + 50)
          .map((key) => ({ request_put: { key, value: Buffer.from("new") } })),
      });
    }
    await etcd.kv.deleteRange({
      key: Buffer.from(`${p}k0300`),
      range_end: Buffer.from(`${p}k0400`),
    });
    await putAll([Buffer.from(`${p}k9999`)], () => "new");
    const writesDoneBefore = ofType(events, "done").length;
    await reading;
    expect(writesDoneBefore, "the writes happened while the scan ran").toBe(0);
    const matches = ofType(events, "match");
    const [done] = ofType(events, "done");
    expect(done.revision).toBe(pinned);
    expect(matches.map((m) => m.key)).toEqual(keys.map((k) => k.toString()));
    for (const m of matches) {
      expect(BigInt(m.modRevision)).toBeLessThanOrEqual(BigInt(pinned));
      expect(m.excerpt).toEqual({ before: "", match: "old", after: "" });
    }
  });
});

describe("gentle=1", () => {
  it("reads at most the configured keys per second", async () => {
    const p = "/gentle/";
    await putAll(
      Array.from({ length: 300 }, (_, i) => Buffer.from(`${p}${String(i).padStart(4, "0")}`)),
    );
    Object.assign(scanLimits, {
      firstReadKeys: 25,
      gentleKeysPerRead: 25,
      gentleKeysPerSecond: 250,
    });
    const started = performance.now();
    const gentle = await sseAll(
      search.GET,
      `/api/v1/search?prefix=${q(p)}&q=0&gentle=1&limit=100000`,
    );
    const gentleMs = performance.now() - started;
    expect(ofType(gentle.events, "done")[0]).toMatchObject({ scanned: "300", matches: 300 });
    // 300 keys at 250 keys/s: the last read may start after 275 keys were paced, i.e. ≥ 1.1 s.
    expect(gentleMs).toBeGreaterThanOrEqual(1_050);
    const t0 = performance.now();
    await sseAll(search.GET, `/api/v1/search?prefix=${q(p)}&q=0&limit=100000`);
    expect(performance.now() - t0, "the same scan without gentle=1 is not paced").toBeLessThan(
      gentleMs / 2,
    );
  });
});

describe("leaving and compaction", () => {
  it("a client that leaves stops etcd's reads at once", async () => {
    const p = "/abort/";
    await putAll(
      Array.from({ length: 600 }, (_, i) => Buffer.from(`${p}${String(i).padStart(4, "0")}`)),
    );
    // 20 keys a read, 200 keys/s: the whole scan would take 3 s and ~30 reads.
    Object.assign(scanLimits, {
      firstReadKeys: 20,
      gentleKeysPerRead: 20,
      gentleKeysPerSecond: 200,
    });
    const abort = new AbortController();
    opened.push(abort);
    const before = await etcdRanges();
    const res = await search.GET(
      new Request(`http://127.0.0.1/api/v1/search?prefix=${q(p)}&q=zzz&gentle=1`, {
        signal: abort.signal,
      }),
    );
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    abort.abort();
    await new Promise((r) => setTimeout(r, 200)); // one read in flight may still finish
    const atAbort = await etcdRanges();
    expect(atAbort - before, "some reads ran before the abort").toBeGreaterThan(1);
    expect(atAbort - before, "far from the whole scan").toBeLessThan(15);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await etcdRanges(), "no etcd read after the client left").toBe(atAbort);
  });

  it("a compaction past the pinned revision mid-scan ends the stream with an error event", async () => {
    const p = "/compact-mid/";
    await putAll(
      Array.from({ length: 200 }, (_, i) => Buffer.from(`${p}${String(i).padStart(4, "0")}`)),
    );
    Object.assign(scanLimits, {
      firstReadKeys: 20,
      gentleKeysPerRead: 20,
      gentleKeysPerSecond: 100,
    });
    const abort = new AbortController();
    opened.push(abort);
    const res = await stats.GET(
      new Request(`http://127.0.0.1/api/v1/stats?prefix=${q(p)}&gentle=1`, {
        signal: abort.signal,
      }),
    );
    expect(res.status).toBe(200);
    const events: { event: string; data: any }[] = [];
    const { readSse } = await import("../../scripts/lib/sse-client.mjs");
    const reading = readSse(res.body!, (m) =>
      events.push({ event: m.event, data: JSON.parse(m.data) }),
    );
    const later = await etcd.put(`${p}zz`).value("after").exec();
    await etcd.kv.compact({ revision: later.header.revision, physical: true });
    await reading;
    expect(ofType(events, "done")).toHaveLength(0);
    const [error] = ofType(events, "error");
    expect(error.error).toMatchObject({ code: "revision_compacted" });
  });

  it("a compacted revision is a 410 before any stream", async () => {
    const p = "/compact/";
    const first = await etcd.put(`${p}a`).value("1").exec();
    await etcd.put(`${p}a`).value("2");
    const last = await etcd.put(`${p}b`).value("3").exec();
    await etcd.kv.compact({ revision: last.header.revision, physical: true });
    for (const [handler, url] of [
      [search.GET, `/api/v1/search?prefix=${q(p)}&q=a&revision=${first.header.revision}`],
      [stats.GET, `/api/v1/stats?prefix=${q(p)}&revision=${first.header.revision}`],
    ] as const) {
      const res = await sseAll(handler, url);
      expect(res.status, url).toBe(410);
      expect(res.json.error.code).toBe("revision_compacted");
    }
  });
});
