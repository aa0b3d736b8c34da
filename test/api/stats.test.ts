import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as stats from "@/app/api/v1/stats/route";
import { scanLimits } from "@/lib/etcd/scan/scan";
import { q, rawClient, uniquePrefix } from "../helpers/api";
import { keyBytes, ofType, sseAll } from "../helpers/scan";

const etcd = rawClient();
const base = uniquePrefix("stats");
const prefix = Buffer.from(base);

beforeAll(async () => {
  const puts: [Buffer, Buffer][] = [];
  const add = (suffix: Buffer | string, size: number) =>
    puts.push([Buffer.concat([prefix, Buffer.from(suffix)]), Buffer.alloc(size, 0x61)]);
  for (let i = 0; i < 30; i++) add(`apps/${String(i).padStart(2, "0")}`, 10 + i * 37);
  for (let i = 0; i < 25; i++) add(`pods/ns-${i % 3}/pod-${i}`, 1000 + ((i * 7919) % 5000));
  add("apps", 5); // a key that is also a folder
  add("apps-x", 7); // sorts between the leaf "apps" and the folder "apps/"
  add("leaf", 20_000);
  add("", 3); // the prefix itself is a key
  add(Buffer.from([0xff, 0xfe, 0x2f, 0x61]), 99); // a binary folder name
  add(Buffer.from([0xff, 0xfe, 0x2f, 0x62]), 1);
  add("big/one", 300_000);
  for (const [key, value] of puts) await etcd.put(key).value(value);
});
afterAll(async () => {
  await etcd.delete().prefix(base);
  etcd.close();
});

/** The reference: the same figures from one full listing with values. */
async function fromFullListing() {
  const all = await etcd.kv.range({
    key: prefix,
    range_end: Buffer.from(base.replace(/\/$/, "0")),
  });
  const children = new Map<string, { keys: number; bytes: number }>();
  let bytes = 0;
  for (const kv of all.kvs) {
    const size = kv.key.length + kv.value.length;
    bytes += size;
    const rest = kv.key.subarray(prefix.length);
    const at = rest.indexOf("/");
    const key = at < 0 ? kv.key : kv.key.subarray(0, prefix.length + at + 1);
    const c = children.get(key.toString("hex")) ?? { keys: 0, bytes: 0 };
    c.keys++;
    c.bytes += size;
    children.set(key.toString("hex"), c);
  }
  const largest = all.kvs
    .map((kv) => ({ key: kv.key.toString("hex"), bytes: kv.key.length + kv.value.length }))
    .sort((a, b) => b.bytes - a.bytes || a.key.localeCompare(b.key))
    .slice(0, 20);
  return { keys: all.kvs.length, bytes, children, largest, revision: all.header.revision };
}

describe("GET /api/v1/stats", () => {
  for (const [name, limits] of [
    ["in one read", {}],
    ["in many small reads", { firstReadKeys: 3, valueBytesPerRead: 20_000 }],
  ] as const) {
    it(`counts and bytes equal a full listing's (${name})`, async () => {
      const saved = { ...scanLimits };
      Object.assign(scanLimits, limits);
      try {
        const expected = await fromFullListing();
        const res = await sseAll(stats.GET, `/api/v1/stats?prefix=${q(base)}`);
        expect(res.status).toBe(200);
        const [done] = ofType(res.events, "done");
        expect(done).toMatchObject({
          keys: String(expected.keys),
          bytes: expected.bytes,
          otherChildren: null,
        });
        expect(BigInt(done.revision)).toBeGreaterThanOrEqual(BigInt(expected.revision));
        const got = new Map(
          done.children.map((c: any) => [
            keyBytes(c).toString("hex"),
            { keys: Number(c.keys), bytes: c.bytes },
          ]),
        );
        expect(got).toEqual(expected.children);
        expect(
          done.largest.map((l: any) => ({ key: keyBytes(l).toString("hex"), bytes: l.bytes })),
        ).toEqual(expected.largest);
        const progress = ofType(res.events, "progress").at(-1);
        expect(progress).toEqual({
          scanned: String(expected.keys),
          total: String(expected.keys),
          revision: done.revision,
        });
      } finally {
        Object.assign(scanLimits, saved);
      }
    });
  }

  it("names children: leaf and folder apart, binary names as base64, folders' keys end with the separator", async () => {
    const res = await sseAll(stats.GET, `/api/v1/stats?prefix=${q(base)}`);
    const [done] = ofType(res.events, "done");
    const byKey = (k: string) => done.children.find((c: any) => c.key === `${base}${k}`);
    expect(byKey("apps")).toMatchObject({ name: "apps", folder: false, keys: "1" });
    expect(byKey("apps/")).toMatchObject({ name: "apps", folder: true, keys: "30" });
    expect(byKey("pods/")).toMatchObject({ name: "pods", folder: true, keys: "25" });
    expect(byKey("")).toMatchObject({ name: "", folder: false, keys: "1" });
    const binary = done.children.find((c: any) => c.nameEncoding === "base64");
    expect(binary).toMatchObject({
      name: Buffer.from([0xff, 0xfe]).toString("base64"),
      folder: true,
      keys: "2",
      keyEncoding: "base64",
    });
    expect(
      done.children.map((c: any) => keyBytes(c)).map((k: Buffer) => k.toString("hex")),
    ).toEqual(
      done.children
        .map((c: any) => keyBytes(c))
        .sort(Buffer.compare)
        .map((k: Buffer) => k.toString("hex")),
    );
    // Drilling into a folder is a stats of its key.
    const pods = await sseAll(stats.GET, `/api/v1/stats?prefix=${q(`${base}pods/`)}`);
    const [inner] = ofType(pods.events, "done");
    expect(inner.keys).toBe("25");
    expect(inner.bytes).toBe(byKey("pods/").bytes);
    expect(inner.children.map((c: any) => c.name)).toEqual(["ns-0", "ns-1", "ns-2"]);
  });

  it("a bad separator is a 400 naming it", async () => {
    const res = await sseAll(stats.GET, `/api/v1/stats?prefix=${q(base)}&separator=`);
    expect(res.status).toBe(400);
    expect(res.json.error.details).toEqual({ field: "separator" });
  });
});
