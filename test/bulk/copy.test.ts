import { afterAll, describe, expect, it } from "vitest";
import * as copy from "@/app/api/v1/copy/route";
import * as compare from "@/app/api/v1/compare/route";
import { call, q, rawClient, uniquePrefix } from "../helpers/api";
import { exportLines, importFile } from "./helpers";

const etcd = rawClient();
const base = uniquePrefix("bulk-copy");
afterAll(async () => {
  await etcd.delete().prefix(base);
  etcd.close();
});

const post = (body: unknown) => call(copy.POST, "POST", "/api/v1/copy", body);

async function values(prefix: string): Promise<Map<string, string>> {
  const all = await etcd.getAll().prefix(prefix).strings();
  return new Map(Object.entries(all).map(([k, v]) => [k.slice(prefix.length), v]));
}

describe("POST /api/v1/copy", () => {
  it("copies a small prefix atomically in one transaction", async () => {
    const from = `${base}small/`;
    for (const k of ["a", "b", "c/d"]) await etcd.put(`${from}${k}`).value(`v-${k}`);
    const res = await post({ from, to: `${base}small-copy/` });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ atomic: true, txns: 1, move: false, counts: { created: 3 } });
    expect(res.body.statement).toMatch(/^atomic/);
    expect(await values(`${base}small-copy/`)).toEqual(await values(from));
    expect((await values(from)).size).toBe(3);
  });

  it("previews with dryRun: counts, and keys that exist at the destination", async () => {
    const from = `${base}pre/`;
    const to = `${base}pre-to/`;
    await etcd.put(`${from}a`).value("1");
    await etcd.put(`${from}b`).value("2");
    await etcd.put(`${to}b`).value("exists");
    const res = await post({ from, to, dryRun: true });
    expect(res.body.counts).toEqual({ create: 1, conflict: 1 });
    expect(res.body.items.find((i: any) => i.to === `${to}b`)).toMatchObject({
      action: "conflict",
      reason: "destination already exists",
    });
    expect(await etcd.get(`${to}a`).string()).toBeNull();
    const over = await post({ from, to, dryRun: true, mode: "overwrite" });
    expect(over.body.counts).toEqual({ create: 1, update: 1 });
  });

  it("renames one key, keeping its lease when asked", async () => {
    const lease = etcd.lease(600, { autoKeepAlive: false });
    await lease.put(`${base}one`).value("x");
    const id = await lease.grant();
    const res = await post({ from: `${base}one`, to: `${base}two`, move: true, keepLease: true });
    expect(res.body.items).toEqual([
      expect.objectContaining({ action: "create", outcome: "created", sourceDeleted: true }),
    ]);
    expect(await etcd.get(`${base}one`).string()).toBeNull();
    const kv = (await etcd.kv.range({ key: Buffer.from(`${base}two`) })).kvs[0];
    expect(kv.value.toString()).toBe("x");
    expect(kv.lease).toBe(id);
    await lease.revoke();
  });

  it("moves 1,000 keys in steps, reporting each key, losing none", async () => {
    const from = `${base}big/`;
    const to = `${base}big-moved/`;
    const keys = Array.from({ length: 1000 }, (_, i) => `k${String(i).padStart(4, "0")}`);
    for (let i = 0; i < keys.length; i += 100) {
      await Promise.all(
        keys.slice(i, i + 100).map((k) => etcd.put(`${from}${k}`).value(`value of ${k}`)),
      );
    }
    const res = await post({ from, to, move: true });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1000);
    expect(res.body.counts).toEqual({ created: 1000 });
    expect(res.body.items.every((i: any) => i.sourceDeleted === true)).toBe(true);
    expect(res.body.atomic).toBe(false);
    expect(res.body.txns).toBe(16); // 64 keys (put + delete) per Txn of 128 ops
    expect(res.body.statement).toMatch(/not atomic/);
    expect((await values(from)).size).toBe(0);
    const moved = await values(to);
    expect(moved.size).toBe(1000);
    for (const k of keys) expect(moved.get(k)).toBe(`value of ${k}`);
  });

  it("never loses a write made concurrently with a move", async () => {
    const from = `${base}race/`;
    const to = `${base}race-moved/`;
    const n = 600;
    const key = (i: number) => `${from}k${String(i).padStart(4, "0")}`;
    for (let i = 0; i < n; i += 100) {
      await Promise.all(
        Array.from({ length: 100 }, (_, j) => etcd.put(key(i + j)).value("initial")),
      );
    }
    const last = new Map<string, string>(); // acknowledged last write per relative key
    let stop = false;
    const writer = async (w: number) => {
      for (let seq = 0; !stop; seq++) {
        const i = (seq * 37 + w * 101) % n;
        const value = `w${w}-${seq}`;
        await etcd.put(key(i)).value(value);
        last.set(key(i).slice(from.length), value);
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    await new Promise((r) => setTimeout(r, 50));
    const res = await post({ from, to, move: true, mode: "overwrite" });
    stop = true;
    await Promise.all(writers);
    expect(res.status).toBe(200);
    const src = await values(from);
    const dst = await values(to);
    expect(last.size).toBeGreaterThan(0);
    for (const [k, v] of last) {
      // The last acknowledged write survives: at the source (the move lost the race for that
      // key, or the write came after it) or at the destination (moved with that value).
      expect(src.get(k) === v || (!src.has(k) && dst.get(k) === v), `${k}: ${v}`).toBe(true);
    }
    for (let i = 0; i < n; i++) {
      const k = key(i).slice(from.length);
      expect(src.has(k) || dst.has(k), k).toBe(true);
    }
    for (const item of res.body.items) {
      const k = item.from.slice(from.length);
      if (item.outcome === "conflict") expect(item.sourceDeleted).toBe(false);
      else expect(dst.has(k)).toBe(true);
    }
  });

  it.each([
    ["a prefix into itself", { from: `${base}p/`, to: `${base}p/sub/` }, "to"],
    ["from equal to to", { from: `${base}x`, to: `${base}x` }, "to"],
    ["neither from nor items", { mode: "overwrite" }, "from"],
    ["a bad mode", { from: "a", to: "b", mode: "clobber" }, "mode"],
  ])("answers 400 naming the field for %s", async (_name, body, field) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.body.error.details.field).toBe(field);
  });

  it("moves a selection of items; a missing source is reported, not an error", async () => {
    await etcd.put(`${base}sel/a`).value("a");
    await etcd.put(`${base}sel/b`).value("b");
    const res = await post({
      move: true,
      items: [
        { from: `${base}sel/a`, to: `${base}dest/a` },
        { from: `${base}sel/b`, to: `${base}dest/b` },
        { from: `${base}sel/gone`, to: `${base}dest/gone` },
      ],
    });
    expect(res.body.items.map((i: any) => i.outcome)).toEqual(["created", "created", "missing"]);
    expect(res.body.atomic).toBe(true);
    expect(await values(`${base}dest/`)).toEqual(
      new Map([
        ["a", "a"],
        ["b", "b"],
      ]),
    );
  });
});

describe("GET /api/v1/compare", () => {
  it("classifies each relative key, also one prefix at two revisions", async () => {
    const l = `${base}cmp-l/`;
    const r = `${base}cmp-r/`;
    await etcd.put(`${l}same`).value("1");
    await etcd.put(`${r}same`).value("1");
    const before = await etcd.put(`${l}diff`).value("left").exec();
    await etcd.put(`${r}diff`).value("right");
    await etcd.put(`${l}only`).value("l");
    await etcd.put(`${r}other`).value("r");
    const res = await call(compare.GET, "GET", `/api/v1/compare?left=${q(l)}&right=${q(r)}`);
    expect(res.status).toBe(200);
    expect(res.body.entries.map((e: any) => [e.key, e.status])).toEqual([
      ["diff", "different"],
      ["only", "only-left"],
      ["other", "only-right"],
      ["same", "same"],
    ]);
    expect(res.body.entries[0].right.value).toBe("right");
    expect(res.body.counts).toEqual({ "only-left": 1, "only-right": 1, different: 1, same: 1 });
    const history = await call(
      compare.GET,
      "GET",
      `/api/v1/compare?left=${q(l)}&leftRevision=${before.header.revision}`,
    );
    expect(history.body.entries.map((e: any) => [e.key, e.status])).toEqual([
      ["diff", "same"],
      ["only", "only-right"],
      ["same", "same"],
    ]);
  });
});

describe("read-only mode", () => {
  it("refuses copy and import (403 read_only) and writes nothing; export still works", async () => {
    await etcd.put(`${base}ro/a`).value("a");
    process.env.ETCD_EXPLORER_READ_ONLY = "1";
    try {
      const res = await post({ from: `${base}ro/a`, to: `${base}ro/b` });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("read_only");
      const imp = await importFile(
        "mode=overwrite",
        JSON.stringify({ [`${base}ro/c`]: "c" }),
        "application/json",
      );
      expect(imp.status).toBe(403);
      const exp = await exportLines(`prefix=${q(`${base}ro/`)}`);
      expect(exp.status).toBe(200);
    } finally {
      delete process.env.ETCD_EXPLORER_READ_ONLY;
    }
    expect(await etcd.get(`${base}ro/b`).string()).toBeNull();
    expect(await etcd.get(`${base}ro/c`).string()).toBeNull();
  });
});
