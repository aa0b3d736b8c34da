import { isUtf8 } from "node:buffer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as search from "@/app/api/v1/search/route";
import { q, rawClient, uniquePrefix } from "../helpers/api";
import { etcdctlKeys, keyBytes, ofType, sseAll } from "../helpers/scan";

const etcd = rawClient();
const base = uniquePrefix("search");
const prefix = Buffer.from(base);

/** Keys: utf8 paths (mixed case, unicode) and binary ones (invalid UTF-8 bytes inside). */
const utf8Keys = [
  "apps/deploy/nginx",
  "apps/deploy/Nginx-2",
  "apps/config/app.json",
  "apps/config/APP.yaml",
  "pods/default/nginx-7d9f",
  "pods/kube-system/coredns-1",
  "pods/kube-system/etcd-0",
  "naïve/Ünïcode/straße",
  "dots.and+plus(parens)",
  "x/y/z/deep/nginx",
];
const binarySuffixes = [
  Buffer.from([0x62, 0x69, 0x6e, 0x2f, 0xff, 0xfe, 0x6e, 0x67, 0x69, 0x6e, 0x78]), // bin/\xff\xfenginx
  Buffer.from([0x62, 0x69, 0x6e, 0x2f, 0x00, 0x01, 0x02]),
  Buffer.from([0x62, 0x69, 0x6e, 0x2f, 0xc3, 0x28, 0x50, 0x4f, 0x44]), // bin/\xc3(POD
];
const allKeys = [...utf8Keys.map((k) => Buffer.from(k)), ...binarySuffixes].map((k) =>
  Buffer.concat([prefix, k]),
);

beforeAll(async () => {
  for (const [i, k] of allKeys.entries()) await etcd.put(k).value(`value ${i} of key`);
});
afterAll(async () => {
  await etcd.delete().prefix(base);
  etcd.close();
});

const hex = (keys: Buffer[]) => keys.map((k) => k.toString("hex")).sort();

/** Search and return the matched keys as bytes plus the done event. */
async function run(query: string) {
  const res = await sseAll(search.GET, `/api/v1/search?prefix=${q(base)}&${query}`);
  expect(res.status).toBe(200);
  const done = ofType(res.events, "done");
  expect(done).toHaveLength(1);
  return { keys: ofType(res.events, "match").map(keyBytes), done: done[0], events: res.events };
}

describe("GET /api/v1/search", () => {
  const cases: { name: string; query: string; ref: (text: string) => boolean }[] = [
    {
      name: "substring, case-insensitive",
      query: "q=nginx",
      ref: (t) => t.toLowerCase().includes("nginx"),
    },
    {
      name: "substring, case-sensitive",
      query: "q=Nginx&caseSensitive=1",
      ref: (t) => t.includes("Nginx"),
    },
    {
      name: "substring with regex characters",
      query: `q=${q("+plus(")}`,
      ref: (t) => t.includes("+plus("),
    },
    {
      name: "substring, unicode folding",
      query: `q=${q("ÜNÏ")}`,
      ref: (t) => t.toLowerCase().includes("ünï"),
    },
    {
      name: "substring on a binary key",
      query: "q=pod",
      ref: (t) => t.toLowerCase().includes("pod"),
    },
    {
      name: "regex",
      query: `q=${q("kube-[a-z]+/(core|etcd)")}&mode=regex`,
      ref: (t) => /kube-[a-z]+\/(core|etcd)/i.test(t),
    },
    {
      name: "regex anchored",
      query: `q=${q("nginx$")}&mode=regex&caseSensitive=1`,
      ref: (t) => /nginx$/.test(t),
    },
    {
      name: "regex over U+FFFD of a binary key",
      query: `q=${q("\uFFFD\uFFFDnginx")}&mode=regex`,
      ref: (t) => t.includes("\uFFFD\uFFFDnginx"),
    },
    {
      name: "glob: * stays in a segment",
      query: `q=${q(`${base}apps/*/nginx*`)}&mode=glob`,
      ref: (t) => new RegExp(`^${base}apps/[^/]*/nginx[^/]*$`, "is").test(t),
    },
    {
      name: "glob: ** crosses segments",
      query: `q=${q(`${base}**/nginx`)}&mode=glob`,
      ref: (t) => new RegExp(`^${base}.*/nginx$`, "is").test(t),
    },
    {
      name: "glob: ? and classes",
      query: `q=${q(`${base}apps/config/app.[jy]???`)}&mode=glob`,
      ref: (t) => new RegExp(`^${base}apps/config/app\\.[jy][^/][^/][^/]$`, "is").test(t),
    },
    {
      name: "glob: negated class",
      query: `q=${q(`${base}pods/[!d]*/*`)}&mode=glob`,
      ref: (t) => new RegExp(`^${base}pods/[^/d][^/]*/[^/]*$`, "is").test(t),
    },
  ];
  for (const c of cases) {
    it(`${c.name}: exactly the keys etcdctl lists that the reference filter keeps`, async () => {
      const listed = await etcdctlKeys(prefix);
      expect(hex(listed)).toEqual(hex(allKeys));
      const expected = listed.filter((k) => c.ref(k.toString("utf8")));
      expect(expected.length).toBeGreaterThan(0);
      const { keys, done } = await run(c.query);
      expect(hex(keys)).toEqual(hex(expected));
      expect(done).toMatchObject({
        scanned: String(allKeys.length),
        matches: expected.length,
        truncated: false,
      });
    });
  }

  it("match events carry the key's metadata; binary keys come as base64", async () => {
    const { events } = await run("q=bin/");
    const matches = ofType(events, "match");
    expect(matches).toHaveLength(3);
    expect(matches.filter((m) => m.keyEncoding === "base64")).toHaveLength(2);
    for (const m of matches) {
      expect(m.keyEncoding).toBe(isUtf8(keyBytes(m)) ? "utf8" : "base64");
      expect(m).toMatchObject({ version: "1", lease: null, valueSize: null });
      expect(BigInt(m.modRevision)).toBeGreaterThan(0n);
    }
  });

  it("in=values matches values too, with an excerpt and the value's size", async () => {
    const { keys, events } = await run(`q=${q("value 3 of")}&in=values`);
    expect(hex(keys)).toEqual(hex([allKeys[3]]));
    const [m] = ofType(events, "match");
    expect(m.excerpt).toEqual({ before: "", match: "value 3 of", after: " key" });
    expect(m.valueSize).toBe("value 3 of key".length);
    const both = await run(`q=nginx&in=values`);
    expect(both.keys.length).toBe(5); // key matches still count with in=values
  });

  it("limit ends the scan early with truncated: true", async () => {
    const { keys, done } = await run("q=/&limit=2");
    expect(keys).toHaveLength(2);
    expect(done).toMatchObject({ matches: 2, truncated: true });
    expect(BigInt(done.scanned)).toBeLessThan(BigInt(allKeys.length));
  });

  it("sends progress with the total counted at the pinned revision", async () => {
    const { events, done } = await run("q=nginx");
    const progress = ofType(events, "progress");
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toEqual({
      scanned: String(allKeys.length),
      total: String(allKeys.length),
      revision: done.revision,
    });
  });

  it("an invalid regex is a 400 naming q; so is a broken glob", async () => {
    for (const query of [
      `q=${q("(a")}&mode=regex`,
      `q=${q("a[b")}&mode=glob`,
      `q=${q("(?<=x)")}&mode=regex`,
    ]) {
      const res = await sseAll(search.GET, `/api/v1/search?${query}`);
      expect(res.status).toBe(400);
      expect(res.json.error).toMatchObject({ code: "invalid_request", details: { field: "q" } });
    }
  });

  it("a pathological regex over long keys answers within 2 s (linear-time engine)", async () => {
    const p = `${base}long/`;
    // (a+)+$ against "aaaa…a!" backtracks exponentially in a backtracking engine.
    for (let i = 0; i < 20; i++) await etcd.put(`${p}${"a".repeat(50_000)}!${i}`).value("x");
    const started = performance.now();
    const res = await sseAll(
      search.GET,
      `/api/v1/search?prefix=${q(p)}&q=${q("(a+)+$")}&mode=regex`,
    );
    const ms = performance.now() - started;
    expect(ofType(res.events, "done")[0]).toMatchObject({ scanned: "20", matches: 0 });
    expect(ms).toBeLessThan(2_000);
    const hit = await sseAll(
      search.GET,
      `/api/v1/search?prefix=${q(p)}&q=${q("/(a+)+!1$")}&mode=regex`,
    );
    expect(ofType(hit.events, "match")).toHaveLength(1);
  });

  it("HEAD checks the query and answers the SSE headers without scanning", async () => {
    const ok = await search.HEAD(
      new Request(`http://127.0.0.1/api/v1/search?prefix=${q(base)}&q=x`, { method: "HEAD" }),
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(ok.body).toBeNull();
    const bad = await search.HEAD(
      new Request(`http://127.0.0.1/api/v1/search?q=${q("a(")}&mode=regex`, { method: "HEAD" }),
    );
    expect(bad.status).toBe(400);
  });
});
