import fc from "fast-check";
import { afterAll, describe, expect, it, vi } from "vitest";
import * as tree from "@/app/api/v1/tree/route";
import type { TreeChild } from "@/lib/contract";
import { getEtcd } from "@/lib/etcd/client";
import { call, q, rawClient, uniquePrefix } from "../helpers/api";

// Random keyspaces on a real etcd: GET /api/v1/tree, paged at every page size, lists exactly
// the children a reference computed from the key list gives; and no round of range probes the
// lister sends reads an index entry twice (etcd 3.4 walks every key inside a Range whatever
// its limit, so overlapping probes in one round would pay for the overlap twice).

const etcd = rawClient();
const base = uniquePrefix("tree-prop");
afterAll(async () => {
  await etcd.delete().prefix(base);
  etcd.close();
});

const SEP = 0x2f; // "/", the route's default separator
/** Bytes on both sides of "/" and at the ends of the byte range, so byte order matters. */
const keyByte = fc.constantFrom(0x00, 0x2d, 0x2e, 0x2f, 0x30, 0x61, 0x62, 0xff);
/** 0..`max` distinct keys of 1..7 bytes below a folder (relative to it). */
const keyspace = (max: number) =>
  fc.uniqueArray(
    fc.array(keyByte, { minLength: 1, maxLength: 7 }).map((a) => Buffer.from(a)),
    // size "max": keyspaces spread over 0..max keys (the default size stays near 10)
    { maxLength: max, size: "max", selector: (k) => k.toString("hex") },
  );

/** A row as compared: name bytes (hex), whether it is a key, whether it has keys below it. */
const row = (nameHex: string, hasValue: boolean, hasChildren: boolean) =>
  `${nameHex}${hasValue ? "=" : ""}${hasChildren ? "/" : ""}`;
const nameOf = (c: TreeChild) =>
  Buffer.from(c.name, c.nameEncoding === "base64" ? "base64" : "utf8").toString("hex");

/**
 * The folder's direct children from the key list alone: one row per first path segment (a key
 * and its subfolder are one row), ordered by the row's first key in byte order.
 */
function referenceListing(keys: Buffer[]): string[] {
  const rows = new Map<string, { first: Buffer; value: boolean; children: boolean }>();
  for (const key of keys) {
    const at = key.indexOf(SEP);
    const name = (at < 0 ? key : key.subarray(0, at)).toString("hex");
    const r = rows.get(name) ?? { first: key, value: false, children: false };
    if (Buffer.compare(key, r.first) < 0) r.first = key;
    if (at < 0) r.value = true;
    else r.children = true;
    rows.set(name, r);
  }
  return [...rows.entries()]
    .sort(([, a], [, b]) => Buffer.compare(a.first, b.first))
    .map(([name, r]) => row(name, r.value, r.children));
}

/** Every page of `folder` at page size `limit`, following `next`, as compared rows. */
async function listing(folder: Buffer, limit: number): Promise<string[]> {
  const rows: string[] = [];
  let after: string | undefined;
  for (let page = 0; ; page++) {
    expect(page, "paging terminates").toBeLessThan(1000);
    const url =
      `/api/v1/tree?prefix=${q(folder.toString("base64"))}&prefixEncoding=base64&limit=${limit}` +
      (after ? `&after=${q(after)}` : "");
    const res = await call(tree.GET, "GET", url);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    rows.push(
      ...res.body.children.map((c: TreeChild) => row(nameOf(c), c.hasValue, c.hasChildren)),
    );
    after = res.body.next;
    if (!after) return rows;
  }
}

async function write(folder: Buffer, keys: Buffer[]) {
  for (let i = 0; i < keys.length; i += 64) {
    await Promise.all(
      keys.slice(i, i + 64).map((k) => etcd.put(Buffer.concat([folder, k])).value("v")),
    );
  }
}

let folders = 0;
const nextFolder = () => Buffer.from(`${base}${folders++}/`);

/**
 * Record the key ranges of the Txn probes the lister sends, grouped by round: the Txns of one
 * round are sent in one synchronous turn (probeWindows), and a round waits for etcd before the
 * next, so a setImmediate between them closes the round. The spy passes every call on to the
 * real client; etcd answers.
 */
function recordRounds() {
  const kv = getEtcd().read.kv;
  const txn = kv.txn.bind(kv);
  const rounds: { start: Buffer; end: Buffer }[][] = [];
  let open = false;
  const spy = vi.spyOn(kv, "txn").mockImplementation((req, opts) => {
    if (!open) {
      open = true;
      rounds.push([]);
      setImmediate(() => (open = false));
    }
    for (const op of req.success ?? []) {
      const r = op.request_range;
      if (r) rounds.at(-1)!.push({ start: Buffer.from(r.key!), end: Buffer.from(r.range_end!) });
    }
    return txn(req, opts);
  });
  return { rounds, restore: () => spy.mockRestore() };
}

const within = (key: Buffer, w: { start: Buffer; end: Buffer }) =>
  Buffer.compare(key, w.start) >= 0 &&
  ((w.end.length === 1 && w.end[0] === 0) || Buffer.compare(key, w.end) < 0);

describe("GET /api/v1/tree on random keyspaces (property, real etcd)", () => {
  it("lists exactly the reference children, in first-key order, at every page size", async () => {
    await fc.assert(
      fc.asyncProperty(keyspace(80), async (keys) => {
        const folder = nextFolder();
        await write(folder, keys);
        const expected = referenceListing(keys);
        for (let limit = 1; limit <= expected.length + 1; limit++) {
          expect(await listing(folder, limit), `limit=${limit}`).toEqual(expected);
        }
      }),
      { numRuns: 20 },
    );
  }, 240_000);

  it("reads no index entry twice within a round of probes, on any page", async () => {
    await fc.assert(
      fc.asyncProperty(keyspace(200), fc.integer({ min: 1, max: 30 }), async (keys, limit) => {
        const folder = nextFolder();
        await write(folder, keys);
        const absolute = keys.map((k) => Buffer.concat([folder, k]));
        const { rounds, restore } = recordRounds();
        try {
          await listing(folder, limit);
        } finally {
          restore();
        }
        for (const [i, windows] of rounds.entries()) {
          for (const key of absolute) {
            const reads = windows.filter((w) => within(key, w)).length;
            expect(reads, `round ${i}: key ${key.toString("hex")}`).toBeLessThanOrEqual(1);
          }
        }
      }),
      { numRuns: 25 },
    );
    // Not vacuous: keyspaces with subfolders make the lister probe windows in rounds.
    const folder = nextFolder();
    await write(folder, [Buffer.from("a/1"), Buffer.from("b/1"), Buffer.from("c")]);
    const { rounds, restore } = recordRounds();
    await listing(folder, 10).finally(restore);
    expect(rounds.flat().length, "probes were recorded").toBeGreaterThan(1);
  }, 240_000);
});
