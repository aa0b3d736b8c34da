import { afterAll, describe, expect, it } from "vitest";
import * as history from "@/app/api/v1/history/route";
import type { HistoryResponse, HistoryVersion } from "@/lib/contract";
import { call, q, rawClient, uniquePrefix } from "../helpers/api";

const etcd = rawClient();
const base = uniquePrefix("history");
afterAll(async () => {
  await etcd.delete().prefix(base);
  etcd.close();
});

/** Every page of a key's history, following `next`. */
async function allVersions(key: string, limit: number, encoding = "utf8") {
  const pages: HistoryResponse[] = [];
  let before: string | undefined;
  do {
    const url = `/api/v1/history?key=${q(key)}&keyEncoding=${encoding}&limit=${limit}${before ? `&before=${before}` : ""}`;
    const res = await call(history.GET, "GET", url);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    pages.push(res.body);
    before = res.body.next;
  } while (before);
  return { pages, versions: pages.flatMap((p) => p.versions) };
}

const brief = (v: HistoryVersion) =>
  v.type === "put" ? `put ${v.kv.value} v${v.kv.version}` : "delete";

describe("GET /api/v1/history", () => {
  it("lists every version newest first across deletes and re-creates, at every page size", async () => {
    const key = `${base}life`;
    const revs: string[] = [];
    const put = async (v: string) =>
      revs.push((await etcd.put(key).value(v).exec()).header.revision);
    const del = async () => revs.push((await etcd.delete().key(key).exec()).header.revision);
    await put("a1");
    await put("a2");
    await del();
    await etcd.put(`${base}other`).value("noise");
    await put("b1");
    await del();
    await put("c1");
    await put("c2");
    await put("c3");
    const expected = [
      "put c3 v3",
      "put c2 v2",
      "put c1 v1",
      "delete",
      "put b1 v1",
      "delete",
      "put a2 v2",
      "put a1 v1",
    ];
    for (const limit of [1, 2, 3, 100]) {
      const { versions, pages } = await allVersions(key, limit);
      expect(versions.map(brief), `limit=${limit}`).toEqual(expected);
      expect(versions.map((v) => v.revision)).toEqual([...revs].reverse());
      // Other files compact the shared etcd now and then: history starts after the last one.
      expect(BigInt(pages[0].compactRevision)).toBeLessThan(BigInt(revs[0]));
      expect(pages.at(-1)!.more).toBe(false);
    }
  });

  it("finds every version of a long lifetime with irregular gaps between versions", async () => {
    const key = `${base}irregular`;
    const revs: string[] = [];
    for (let i = 0; i < 90; i++) {
      const gap = i % 7 === 0 ? 25 : i % 3; // clusters and long gaps: interpolation guesses wrong
      for (let j = 0; j < gap; j++) await etcd.put(`${base}filler`).value(String(j));
      revs.push((await etcd.put(key).value(`v${i}`).exec()).header.revision);
    }
    for (const limit of [7, 40, 1000]) {
      const { versions } = await allVersions(key, limit);
      expect(
        versions.map((v) => v.revision),
        `limit=${limit}`,
      ).toEqual([...revs].reverse());
      expect(versions.map(brief)).toEqual(revs.map((_, i) => `put v${i} v${i + 1}`).reverse());
    }
  });

  it("finds the versions of a key that is deleted now", async () => {
    const key = `${base}gone`;
    await etcd.put(key).value("x1");
    await etcd.put(key).value("x2");
    await etcd.delete().key(key);
    const { versions } = await allVersions(key, 10);
    expect(versions.map(brief)).toEqual(["delete", "put x2 v2", "put x1 v1"]);
  });

  it("finds the delete of a key with more versions than one watch catch-up batch (1,000 revisions)", async () => {
    const key = `${base}long`;
    const n = 1100;
    for (let i = 0; i < n; i += 50) {
      await Promise.all(Array.from({ length: 50 }, (_, j) => etcd.put(key).value(`v${i + j}`)));
    }
    const last = (await etcd.get(key).exec()).kvs[0];
    const d = (await etcd.delete().key(key).exec()).header.revision;
    const res = await call(history.GET, "GET", `/api/v1/history?key=${q(key)}&limit=3`);
    expect(res.status).toBe(200);
    expect(res.body.versions.map(brief)).toEqual([
      "delete",
      `put ${last.value} v${n}`,
      expect.stringMatching(new RegExp(` v${n - 1}$`)),
    ]);
    expect(res.body.versions.slice(0, 2).map((v: HistoryVersion) => v.revision)).toEqual([
      d,
      last.mod_revision,
    ]);
  });

  it("answers an empty history for a key that never existed", async () => {
    const { versions, pages } = await allVersions(`${base}never`, 10);
    expect(versions).toEqual([]);
    expect(pages[0].more).toBe(false);
  });

  it("returns values byte-exact, binary keys and values included", async () => {
    const key = Buffer.from([0xff, 0x00, 0x2f, 0x80]);
    const full = Buffer.concat([Buffer.from(base), key]);
    const values = [Buffer.from([0, 1, 2, 255]), Buffer.from("é✓", "utf8"), Buffer.alloc(0)];
    for (const v of values) await etcd.put(full).value(v);
    const { versions } = await allVersions(full.toString("base64"), 10, "base64");
    const got = versions.map((v) =>
      v.type === "put"
        ? Buffer.from(v.kv.value, v.kv.valueEncoding === "base64" ? "base64" : "utf8")
        : null,
    );
    expect(got).toEqual([...values].reverse());
    expect(versions[0].type === "put" && versions[0].kv.keyEncoding).toBe("base64");
  });

  it("refuses bad parameters with 400 naming them", async () => {
    const bad = [
      [`/api/v1/history`, "key"],
      [`/api/v1/history?key=a&limit=0`, "limit"],
      [`/api/v1/history?key=a&before=x`, "before"],
      [`/api/v1/history?key=a&before=9000000000000000000`, "before"],
    ];
    for (const [url, field] of bad) {
      const res = await call(history.GET, "GET", url);
      expect(res.status, url).toBe(400);
      expect(res.body.error.details.field, url).toBe(field);
    }
  });
});
