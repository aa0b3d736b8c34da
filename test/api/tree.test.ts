import { afterAll, describe, expect, it, vi } from "vitest";
import { getEtcd } from "@/lib/etcd/client";
import * as tree from "@/app/api/v1/tree/route";
import type { TreeChild, TreeResponse } from "@/lib/contract";
import { call, q, rawClient, uniquePrefix } from "../helpers/api";

const etcd = rawClient();
const base = uniquePrefix("tree");
afterAll(async () => {
  await etcd.delete().prefix(base);
  etcd.close();
});

async function put(keys: string[]) {
  await Promise.all(keys.map((k) => etcd.put(`${base}${k}`).value(`v:${k}`)));
}

/** Every page of a folder, following `next`. */
async function allPages(
  prefix: string,
  limit: number,
): Promise<{ pages: TreeResponse[]; children: TreeChild[] }> {
  const pages: TreeResponse[] = [];
  let after: string | undefined;
  do {
    const url = `/api/v1/tree?prefix=${q(prefix)}&limit=${limit}${after ? `&after=${q(after)}` : ""}`;
    const res = await call(tree.GET, "GET", url);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    pages.push(res.body);
    after = res.body.next;
  } while (after);
  return { pages, children: pages.flatMap((p) => p.children) };
}

const summary = (c: TreeChild) => `${c.name}${c.hasValue ? "=" : ""}${c.hasChildren ? "/" : ""}`;

describe("GET /api/v1/tree", () => {
  it("lists direct children only, merging a key and its folder into one row", async () => {
    await put(["f/a", "f/a-b", "f/a.c", "f/a/x", "f/a/y/z", "f/b/1", "f/b/2", "f/c"]);
    const { children } = await allPages(`${base}f/`, 100);
    expect(children.map(summary)).toEqual(["a=/", "a-b=", "a.c=", "b/", "c="]);
    const a = children[0];
    expect(a).toMatchObject({ key: `${base}f/a`, keyEncoding: "utf8", version: "1", lease: null });
    expect(a.modRevision).toMatch(/^\d+$/);
  });

  it("gives the same rows at every page size, with no duplicates", async () => {
    await put(["p/a", "p/a-b", "p/a.c", "p/a/x", "p/b/1", "p/c", "p/d/e/f", "p/e", "p/e/1", "p/f"]);
    const { children: full } = await allPages(`${base}p/`, 100);
    expect(full.map(summary)).toEqual(["a=/", "a-b=", "a.c=", "b/", "c=", "d/", "e=/", "f="]);
    for (const limit of [1, 2, 3, 5]) {
      const { children } = await allPages(`${base}p/`, limit);
      expect(children.map(summary), `limit=${limit}`).toEqual(full.map(summary));
    }
  });

  it("pins every page to the first page's revision", async () => {
    await put(["pin/1", "pin/2", "pin/3"]);
    const first = await call(tree.GET, "GET", `/api/v1/tree?prefix=${q(`${base}pin/`)}&limit=1`);
    await put(["pin/10"]); // would sort between 1 and 2
    const second = await call(
      tree.GET,
      "GET",
      `/api/v1/tree?prefix=${q(`${base}pin/`)}&limit=5&after=${q(first.body.next)}`,
    );
    expect(second.body.header.revision).toBe(first.body.header.revision);
    expect(second.body.children.map(summary)).toEqual(["2=", "3="]);
  });

  it("shows keys without a leading slash at the root, and / as a folder", async () => {
    const bare = `${base.slice(1, -1)}-bare`;
    await etcd.put(bare).value("x");
    try {
      const { children } = await allPages("", 10_000);
      const names = children.map(summary);
      expect(names).toContain("/");
      expect(names).toContain(`${bare}=`);
    } finally {
      await etcd.delete().key(bare);
    }
  });

  it("skips subtrees instead of reading them: a big folder costs one row", async () => {
    const keys = Array.from({ length: 3000 }, (_, i) => `big/sub/${String(i).padStart(5, "0")}`);
    for (let i = 0; i < keys.length; i += 500) await put(keys.slice(i, i + 500));
    await put(["big/a-after"]);
    // Count the keys etcd hands back (spies on the real client; etcd itself answers).
    const kv = getEtcd().read.kv;
    const [range, txn] = [kv.range.bind(kv), kv.txn.bind(kv)];
    let keysRead = 0;
    const spies = [
      vi.spyOn(kv, "range").mockImplementation(async (req, opts) => {
        const res = await range(req, opts);
        keysRead += res.kvs.length;
        return res;
      }),
      vi.spyOn(kv, "txn").mockImplementation(async (req, opts) => {
        const res = await txn(req, opts);
        for (const r of res.responses) keysRead += r.response_range?.kvs.length ?? 0;
        return res;
      }),
    ];
    try {
      const res = await call(tree.GET, "GET", `/api/v1/tree?prefix=${q(`${base}big/`)}&limit=50`);
      expect(res.body.children.map(summary)).toEqual(["a-after=", "sub/"]);
      expect(res.body.more).toBe(false);
    } finally {
      spies.forEach((s) => s.mockRestore());
    }
    // A page costs about its limit in keys read, not the 3000 keys below `sub/`.
    expect(keysRead).toBeLessThan(100);
  });

  it("encodes binary names as base64", async () => {
    const key = Buffer.concat([Buffer.from(`${base}bin/`), Buffer.from([0xff, 0xfe])]);
    await etcd.put(key).value("x");
    const res = await call(tree.GET, "GET", `/api/v1/tree?prefix=${q(`${base}bin/`)}`);
    expect(res.body.children[0]).toMatchObject({
      name: "//4=",
      nameEncoding: "base64",
      keyEncoding: "base64",
    });
  });

  it.each([
    ["limit=0", "limit"],
    ["limit=abc", "limit"],
    ["after=garbage!", "after"],
    ["prefix=%25%25&prefixEncoding=base64", "prefix"],
  ])("answers 400 naming the field for %s", async (query, field) => {
    const res = await call(tree.GET, "GET", `/api/v1/tree?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details.field).toBe(field);
  });
});

describe("GET /api/v1/tree against a reference listing", () => {
  it("matches children computed from a full range, at every page size", async () => {
    // Deterministic pseudo-random keys over an alphabet with bytes on both sides of "/".
    let seed = 42;
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const alphabet = ["a", "b", "-", ".", "0", "z", "/", "a/", "b/"];
    const keys = new Set<string>();
    while (keys.size < 400) {
      let k = "";
      const len = 1 + rand(6);
      for (let i = 0; i < len; i++) k += alphabet[rand(alphabet.length)];
      if (!k.startsWith("/")) keys.add(k);
    }
    const p = `${base}ref/`;
    await put([...keys].map((k) => `ref/${k}`));

    // Reference: group the full listing by first segment, ordered by each child's first key.
    const all = await etcd.getAll().prefix(p).keys();
    const rows = new Map<string, { first: string; value: boolean; children: boolean }>();
    for (const key of all.sort()) {
      const rest = key.slice(p.length);
      const at = rest.indexOf("/");
      const name = at < 0 ? rest : rest.slice(0, at);
      const row = rows.get(name) ?? { first: key, value: false, children: false };
      if (at < 0) row.value = true;
      else row.children = true;
      rows.set(name, row);
    }
    const expected = [...rows.entries()]
      .sort((a, b) => Buffer.compare(Buffer.from(a[1].first), Buffer.from(b[1].first)))
      .map(([name, r]) => `${name}${r.value ? "=" : ""}${r.children ? "/" : ""}`);

    for (const limit of [1, 3, 7, 200]) {
      const { children } = await allPages(p, limit);
      expect(children.map(summary), `limit=${limit}`).toEqual(expected);
    }
  }, 60_000);
});

describe("GET /api/v1/tree?revision=R", () => {
  it("lists the folder as a reference Range at R saw it, on every page", async () => {
    const dir = `${base}past/`;
    await put(["past/a", "past/b/1", "past/c", "past/d/e/f"]);
    const r = (await etcd.put(`${dir}e`).value("e").exec()).header.revision;
    // Change everything afterwards: delete, re-create, add, update.
    await etcd.delete().key(`${dir}a`);
    await etcd.delete().prefix(`${dir}b/`);
    await etcd.put(`${dir}c`).value("changed");
    await etcd.put(`${dir}f/1`).value("new");
    await etcd.put(`${dir}0`).value("new");

    const ref = await etcd.kv.range({
      key: Buffer.from(dir),
      range_end: Buffer.from(`${base}past0`),
      revision: r,
    });
    const names = [
      ...new Set(ref.kvs.map((kv) => kv.key.toString().slice(dir.length).split("/")[0])),
    ];
    const leaves = new Map(
      ref.kvs
        .filter((kv) => !kv.key.toString().slice(dir.length).includes("/"))
        .map((kv) => [kv.key.toString(), kv]),
    );
    for (const limit of [1, 2, 100]) {
      const rows: TreeChild[] = [];
      let after: string | undefined;
      do {
        const url = `/api/v1/tree?prefix=${q(dir)}&revision=${r}&limit=${limit}${after ? `&after=${q(after)}` : ""}`;
        const res = await call(tree.GET, "GET", url);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(res.body.atRevision).toBe(r);
        expect(BigInt(res.body.header.revision)).toBeGreaterThan(BigInt(r));
        rows.push(...res.body.children);
        after = res.body.next;
      } while (after);
      expect(
        rows.map((c) => c.name),
        `limit=${limit}`,
      ).toEqual(names);
      for (const row of rows.filter((c) => c.hasValue)) {
        const kv = leaves.get(row.key)!;
        expect(row.modRevision).toBe(kv.mod_revision);
        expect(row.version).toBe(kv.version);
      }
    }
  });

  it("answers 400 naming revision for a future revision", async () => {
    const res = await call(tree.GET, "GET", `/api/v1/tree?prefix=${q(base)}&revision=900000000000`);
    expect(res.status).toBe(400);
    expect(res.body.error.details.field).toBe("revision");
  });
});
