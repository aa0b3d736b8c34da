import { afterAll, describe, expect, it } from "vitest";
import * as range from "@/app/api/v1/range/route";
import * as health from "@/app/api/v1/health/route";
import { RANGE_PAGE_MAX_BYTES, rangePageLimits } from "@/lib/etcd/range-page";
import { call, q, rawClient, uniquePrefix } from "../helpers/api";

const etcd = rawClient();
const base = uniquePrefix("range");
afterAll(async () => {
  await etcd.delete().prefix(base);
  etcd.close();
});

describe("GET /api/v1/range", () => {
  it("pages a prefix with a cursor pinned to the first page's revision", async () => {
    await Promise.all(["a", "b", "c", "d", "e"].map((k) => etcd.put(`${base}${k}`).value(k)));
    const first = await call(range.GET, "GET", `/api/v1/range?prefix=${q(base)}&limit=2`);
    expect(first.body).toMatchObject({ more: true, count: "5" });
    expect(first.body.kvs.map((kv: { value: string }) => kv.value)).toEqual(["a", "b"]);
    await etcd.delete().key(`${base}c`);
    const second = await call(
      range.GET,
      "GET",
      `/api/v1/range?prefix=${q(base)}&limit=10&after=${q(first.body.next)}`,
    );
    expect(second.body.kvs.map((kv: { value: string }) => kv.value)).toEqual(["c", "d", "e"]);
    expect(second.body.more).toBe(false);
  });

  it("cuts a page over big values by bytes, and its cursor leads through every key exactly once", async () => {
    const p = `${base}big/`;
    const KiB = 1024;
    // 40 keys with values of 100 KiB, a few of them 300 KiB, and some tiny ones in between.
    const keys = Array.from({ length: 40 }, (_, i) => `${p}k${String(i).padStart(2, "0")}`);
    const size = (i: number) => (i % 7 === 3 ? 300 * KiB : i % 5 === 0 ? 10 : 100 * KiB);
    for (const [i, k] of keys.entries()) await etcd.put(k).value("v".repeat(size(i)));

    rangePageLimits.maxBytes = 1024 * KiB;
    try {
      const seen: string[] = [];
      let next: string | undefined;
      let pages = 0;
      do {
        const page = await call(
          range.GET,
          "GET",
          `/api/v1/range?prefix=${q(p)}&limit=1000${next ? `&after=${q(next)}` : ""}`,
        );
        expect(page.status).toBe(200);
        const kvs = page.body.kvs as { key: string; valueSize: number }[];
        const bytes = kvs.reduce((n, kv) => n + kv.key.length + kv.valueSize, 0);
        const lastSize = kvs[kvs.length - 1].key.length + kvs[kvs.length - 1].valueSize;
        // Over the budget by at most the key-value that crossed it.
        expect(bytes - lastSize, "the page stopped at the key that passed the budget").toBeLessThan(
          rangePageLimits.maxBytes,
        );
        expect(page.body.more).toBe(page.body.next !== undefined);
        seen.push(...kvs.map((kv) => kv.key));
        next = page.body.next;
        // Written after the first page: the cursor pins the first page's revision.
        if (pages++ === 0) await etcd.put(`${p}k99`).value("late");
      } while (next);
      expect(pages, "a 1000-key page of ~4.5 MiB was split by bytes").toBeGreaterThanOrEqual(4);
      expect(seen, "every key exactly once, in order, at the first page's revision").toEqual(keys);
    } finally {
      rangePageLimits.maxBytes = RANGE_PAGE_MAX_BYTES;
    }
  });

  it("counts without returning keys, and lists keys without values", async () => {
    const count = await call(range.GET, "GET", `/api/v1/range?prefix=${q(base)}&countOnly=1`);
    expect(count.body.kvs).toEqual([]);
    expect(Number(count.body.count)).toBeGreaterThan(0);
    const keys = await call(
      range.GET,
      "GET",
      `/api/v1/range?prefix=${q(base)}&keysOnly=true&limit=1`,
    );
    expect(keys.body.kvs[0]).toMatchObject({ value: "", valueSize: 0 });
  });

  it("answers 410 revision_compacted for a compacted revision", async () => {
    const old = await etcd.put(`${base}compact`).value("1").exec();
    const now = await etcd.put(`${base}compact`).value("2").exec();
    await etcd.kv.compact({ revision: now.header.revision });
    const res = await call(
      range.GET,
      "GET",
      `/api/v1/range?key=${q(`${base}compact`)}&revision=${old.header.revision}`,
    );
    expect(res.status).toBe(410);
    expect(res.body.error.code).toBe("revision_compacted");
  });

  it("answers 400 for a future revision and for neither key nor prefix", async () => {
    const future = await call(range.GET, "GET", `/api/v1/range?key=x&revision=999999999`);
    expect(future.status).toBe(400);
    expect(future.body.error.details.field).toBe("revision");
    const none = await call(range.GET, "GET", `/api/v1/range`);
    expect(none.status).toBe(400);
    expect(none.body.error.details.field).toBe("prefix");
  });
});

describe("GET /api/v1/health", () => {
  it("reports the etcd version, revision and leader", async () => {
    const res = await call(health.GET, "GET", "/api/v1/health");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: "ok",
      etcd: { version: expect.stringMatching(/^3\.4\./) },
    });
    expect(res.body.etcd.leader).toMatch(/^[0-9a-f]+$/);
  });
});
