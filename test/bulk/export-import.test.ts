import { execFileSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { importLimits } from "@/lib/http/bulk/import-body";
import { q, rawClient, uniquePrefix } from "../helpers/api";
import { exportLines, importFile } from "./helpers";

const etcd = rawClient();
const base = uniquePrefix("bulk-io");
afterAll(async () => {
  await etcd.delete().prefix(base);
  etcd.close();
});

/** Every key-value under `prefix`, raw bytes, keyed by the part after the prefix (hex). */
async function snapshot(prefix: string): Promise<Map<string, Buffer>> {
  const res = await etcd.kv.range({
    key: Buffer.from(prefix),
    range_end: Buffer.from(prefix.slice(0, -1) + "0"),
  });
  return new Map(res.kvs.map((kv) => [kv.key.subarray(prefix.length).toString("hex"), kv.value]));
}

describe("export → import round trip", () => {
  it("is byte-exact for binary keys and values, and re-roots under prefix=", async () => {
    const src = `${base}rt-src/`;
    const keys: [Buffer, Buffer][] = [
      [
        Buffer.concat([Buffer.from(src), Buffer.from([0xff, 0x00, 0xfe])]),
        Buffer.from([0, 1, 2, 0xff, 0x80]),
      ],
      [Buffer.from(`${src}text`), Buffer.from("héllo\r\nworld\u2028")],
      [Buffer.from(`${src}empty`), Buffer.alloc(0)],
      [
        Buffer.concat([Buffer.from(`${src}k8s`)]),
        Buffer.from([0x6b, 0x38, 0x73, 0x00, 0x0a, 0xc3]),
      ],
      [Buffer.from(`${src}bom`), Buffer.from([0xef, 0xbb, 0xbf, 0x41])],
    ];
    for (const [k, v] of keys) await etcd.put(k).value(v);
    const exported = await exportLines(`prefix=${q(src)}`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-type")).toContain("application/x-ndjson");
    expect(exported.headers.get("x-export-count")).toBe("5");
    const [header, ...lines] = exported.lines;
    expect(header).toMatchObject({
      format: "etcd-explorer/v1",
      prefix: src,
      prefixEncoding: "utf8",
    });
    expect(header.revision).toBe(exported.headers.get("x-export-revision"));
    expect(lines).toHaveLength(5);
    expect(lines.find((l) => l.keyEncoding === "base64")).toMatchObject({
      valueEncoding: "base64",
    });
    for (const l of lines)
      expect(BigInt(l.modRevision)).toBeLessThanOrEqual(BigInt(header.revision));

    const dst = `${base}rt-dst/`;
    const res = await importFile(`mode=create-only&prefix=${q(dst)}`, exported.text);
    expect(res.status).toBe(200);
    expect(res.body.counts).toEqual({ created: 5 });
    expect(await snapshot(dst)).toEqual(await snapshot(src));
  });

  it("exports every key at one pinned revision, also one given as revision=", async () => {
    const p = `${base}pinned/`;
    const first = await etcd.put(`${p}a`).value("old").exec();
    await etcd.put(`${p}a`).value("new");
    await etcd.put(`${p}b`).value("later");
    const exported = await exportLines(`prefix=${q(p)}&revision=${first.header.revision}`);
    expect(exported.lines.slice(1).map((l) => [l.key, l.value])).toEqual([[`${p}a`, "old"]]);
  });

  it("exports a selection of repeated key= and prefix= parameters, in that order", async () => {
    const p = `${base}sel/`;
    await etcd.put(`${p}x/1`).value("1");
    await etcd.put(`${p}x/2`).value("2");
    await etcd.put(`${p}y`).value("y");
    await etcd.put(`${p}z`).value("z");
    const exported = await exportLines(
      `key=${q(`${p}z`)}&prefix=${q(`${p}x/`)}&key=${q(`${p}missing`)}&key=${q(`${p}y`)}`,
    );
    expect(exported.status).toBe(200);
    expect(exported.lines[0].prefix).toBe(p);
    expect(exported.lines.slice(1).map((l) => l.key)).toEqual([
      `${p}x/1`,
      `${p}x/2`,
      `${p}z`,
      `${p}y`,
    ]);
  });

  it("refuses a cross-site export (403) and a missing selection (400)", async () => {
    const cross = await exportLines(`prefix=${q(base)}`, { "sec-fetch-site": "cross-site" });
    expect(cross.status).toBe(403);
    expect(cross.error.error.code).toBe("forbidden_origin");
    const foreign = await exportLines(`prefix=${q(base)}`, { origin: "http://evil.example" });
    expect(foreign.status).toBe(403);
    const none = await exportLines("");
    expect(none.status).toBe(400);
    expect(none.error.error.details.field).toBe("prefix");
  });
});

describe("import plans and guards", () => {
  async function fixture(name: string) {
    const p = `${base}${name}/`;
    await etcd.put(`${p}same`).value("s");
    await etcd.put(`${p}changed`).value("old");
    const file = JSON.stringify({
      [`${p}same`]: "s",
      [`${p}changed`]: "new",
      [`${p}new1`]: "n1",
      [`${p}new2`]: "n2",
    });
    return { p, file };
  }

  it("a dry run's plan is what apply then does", async () => {
    const { p, file } = await fixture("plan");
    const plan = await importFile("mode=dry-run", file, "application/json");
    expect(plan.status).toBe(200);
    expect(plan.body).toMatchObject({ format: "json-object", dryRun: true, mode: "overwrite" });
    const actions = Object.fromEntries(plan.body.items.map((i: any) => [i.key, i.action]));
    expect(actions).toEqual({
      [`${p}same`]: "unchanged",
      [`${p}changed`]: "update",
      [`${p}new1`]: "create",
      [`${p}new2`]: "create",
    });
    expect(await etcd.get(`${p}new1`).string()).toBeNull(); // a dry run writes nothing

    const applied = await importFile(
      `mode=overwrite&planRevision=${plan.body.planRevision}`,
      file,
      "application/json",
    );
    expect(applied.status).toBe(200);
    const done = { create: "created", update: "updated", unchanged: "unchanged" } as Record<
      string,
      string
    >;
    for (const item of applied.body.items) expect(item.outcome).toBe(done[actions[item.key]]);
    expect(applied.body).toMatchObject({ atomic: true, txns: 1 });
    expect(await etcd.get(`${p}changed`).string()).toBe("new");

    const createOnly = await importFile("mode=create-only&dryRun=1", file, "application/json");
    expect(createOnly.body.counts).toEqual({ conflict: 4 });
  });

  it("a key changed between plan and apply is a conflict and left untouched", async () => {
    const { p, file } = await fixture("race");
    const plan = await importFile("mode=overwrite&dryRun=1", file, "application/json");
    await etcd.put(`${p}changed`).value("someone else");
    await etcd.put(`${p}new1`).value("created meanwhile");
    const applied = await importFile(
      `mode=overwrite&planRevision=${plan.body.planRevision}`,
      file,
      "application/json",
    );
    const outcomes = Object.fromEntries(applied.body.items.map((i: any) => [i.key, i.outcome]));
    expect(outcomes).toEqual({
      [`${p}same`]: "unchanged",
      [`${p}changed`]: "conflict",
      [`${p}new1`]: "conflict",
      [`${p}new2`]: "created",
    });
    expect(await etcd.get(`${p}changed`).string()).toBe("someone else");
    expect(await etcd.get(`${p}new1`).string()).toBe("created meanwhile");
    expect(await etcd.get(`${p}new2`).string()).toBe("n2");
  });

  it("writes more than 128 keys in several transactions and says it was not atomic", async () => {
    const p = `${base}many/`;
    const file = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`${p}${i}`, `v${i}`]));
    const res = await importFile("mode=create-only", JSON.stringify(file), "application/json");
    expect(res.body.counts).toEqual({ created: 300 });
    expect(res.body.atomic).toBe(false);
    expect(res.body.txns).toBe(3);
    expect(res.body.statement).toMatch(/not atomic/);
    expect((await snapshot(p)).size).toBe(300);
  });

  it("reads an etcdctl get --prefix -w json dump", async () => {
    const p = `${base}ctl/`;
    await etcd.put(`${p}a`).value(Buffer.from([0xff, 0x01]));
    await etcd.put(`${p}b`).value("");
    const dump = execFileSync(
      "/usr/bin/etcdctl",
      ["--endpoints", inject("etcdEndpoint"), "get", "--prefix", p, "-w", "json"],
      { encoding: "utf8", env: { ...process.env, ETCDCTL_API: "3" } },
    );
    const dst = `${base}ctl-dst/`;
    const res = await importFile(`mode=create-only&prefix=${q(dst)}`, dump, "application/json");
    expect(res.status).toBe(200);
    expect(res.body.format).toBe("etcdctl-json");
    // etcdctl dumps carry no base prefix: prefix= is prepended to the whole key.
    expect(await snapshot(`${dst}${p}`)).toEqual(await snapshot(p));
  });

  it("carries leases over only when asked, as new leases with the exported TTL", async () => {
    const p = `${base}lease/`;
    const lease = etcd.lease(600, { autoKeepAlive: false });
    await lease.put(`${p}a`).value("a");
    const exported = await exportLines(`prefix=${q(p)}`);
    expect(exported.lines[1].lease).toBe(
      BigInt(await lease.grant())
        .toString(16)
        .padStart(16, "0"),
    );
    expect(exported.lines[1].ttl).toBeGreaterThan(500);
    const without = await importFile(
      `mode=create-only&prefix=${q(`${base}lease-no/`)}`,
      exported.text,
    );
    expect(without.body.counts).toEqual({ created: 1 });
    expect((await etcd.kv.range({ key: Buffer.from(`${base}lease-no/a`) })).kvs[0].lease).toBe("0");
    const withLeases = await importFile(
      `mode=create-only&leases=1&prefix=${q(`${base}lease-yes/`)}`,
      exported.text,
    );
    expect(withLeases.body.counts).toEqual({ created: 1 });
    const kv = (await etcd.kv.range({ key: Buffer.from(`${base}lease-yes/a`) })).kvs[0];
    expect(kv.lease).not.toBe("0");
    expect(kv.lease).not.toBe(await lease.grant());
    const granted = await etcd.leaseClient.leaseTimeToLive({ ID: kv.lease });
    expect(Number(granted.grantedTTL)).toBe(exported.lines[1].ttl);
    await lease.revoke();
    await etcd.leaseClient.leaseRevoke({ ID: kv.lease });
  });

  it("answers 413 past the upload limit and writes nothing", async () => {
    const saved = importLimits.maxBytes;
    importLimits.maxBytes = 1000;
    try {
      const p = `${base}big/`;
      const file = JSON.stringify({ [`${p}a`]: "x".repeat(2000) });
      const res = await importFile("mode=create-only", file, "application/json");
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe("too_large");
      expect(await etcd.get(`${p}a`).string()).toBeNull();
    } finally {
      importLimits.maxBytes = saved;
    }
  });

  it.each([
    ["a bad mode", "mode=sideways", "{}", "application/json", "mode"],
    ["text/plain", "mode=overwrite", "{}", "text/plain", "content-type"],
    [
      "a bad line",
      "mode=overwrite",
      '{"format":"etcd-explorer/v1","prefix":""}\n{"key":"a","value":1}',
      "application/x-ndjson",
      "line 2.value",
    ],
    [
      "bad base64",
      "mode=overwrite",
      '{"format":"etcd-explorer/v1"}\n{"key":"%%","keyEncoding":"base64","value":""}',
      "application/x-ndjson",
      "line 2.key",
    ],
    ["a non-string value", "mode=overwrite", '{"a":1}', "application/json", "a"],
    [
      "a duplicate key",
      "mode=overwrite",
      '{"format":"etcd-explorer/v1"}\n{"key":"a","value":""}\n{"key":"a","value":"b"}',
      "application/x-ndjson",
      "body",
    ],
  ])("answers 400 naming the field for %s", async (_name, query, body, type, field) => {
    const res = await importFile(query, body, type);
    expect(res.status).toBe(400);
    expect(res.body.error.details.field).toBe(field);
  });
});
