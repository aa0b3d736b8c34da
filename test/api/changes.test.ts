import { afterAll, describe, expect, it } from "vitest";
import * as changes from "@/app/api/v1/changes/route";
import { changesLimits } from "@/lib/etcd/history/changes";
import type { ChangeRow, ChangesResponse } from "@/lib/contract";
import { call, q, rawClient, uniquePrefix } from "../helpers/api";

const etcd = rawClient();
const base = uniquePrefix("changes");
afterAll(async () => {
  await etcd.delete().prefix(base);
  etcd.close();
});

/** Every page of `changes`, following `next`. */
async function allChanges(prefix: string, from: string, to: string | undefined, limit: number) {
  const pages: ChangesResponse[] = [];
  let after: string | undefined;
  do {
    const url =
      `/api/v1/changes?prefix=${q(prefix)}&from=${from}&limit=${limit}` +
      `${to ? `&to=${to}` : ""}${after ? `&after=${q(after)}` : ""}`;
    const res = await call(changes.GET, "GET", url);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    pages.push(res.body);
    after = res.body.next;
  } while (after);
  return { pages, rows: pages.flatMap((p) => p.changes) };
}

/** The net changes computed from two full listings (with values) at `from` and `to`. */
async function reference(prefix: string, from: string, to: string) {
  const list = async (rev: string) => {
    const res = await etcd.kv.range({
      key: Buffer.from(prefix),
      range_end: Buffer.from(`${prefix.slice(0, -1)}0`),
      revision: rev,
    });
    return new Map(res.kvs.map((kv) => [kv.key.toString("hex"), kv]));
  };
  const [a, b] = await Promise.all([list(from), list(to)]);
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  const rows: string[] = [];
  for (const k of keys) {
    const ka = a.get(k);
    const kb = b.get(k);
    const key = Buffer.from(k, "hex").toString("utf8");
    if (ka && !kb) rows.push(`${key} deleted ${ka.value} -`);
    else if (!ka && kb) rows.push(`${key} created - ${kb.value}`);
    else if (ka!.mod_revision !== kb!.mod_revision)
      rows.push(`${key} updated ${ka!.value} ${kb!.value}`);
  }
  return rows;
}

const brief = (r: ChangeRow) =>
  `${r.key} ${r.change} ${r.before?.value ?? "-"} ${r.after?.value ?? "-"}`;

describe("GET /api/v1/changes", () => {
  it("equals the difference of two full listings at from and to, at every page size", async () => {
    const dir = `${base}d/`;
    for (let i = 0; i < 30; i++)
      await etcd.put(`${dir}k${String(i).padStart(2, "0")}`).value(`a${i}`);
    await etcd.put(`${dir}sub/x`).value("a");
    const from = (await etcd.put(`${base}outside`).value("x").exec()).header.revision;
    for (let i = 0; i < 30; i += 3)
      await etcd.put(`${dir}k${String(i).padStart(2, "0")}`).value(`b${i}`);
    for (let i = 1; i < 30; i += 5) await etcd.delete().key(`${dir}k${String(i).padStart(2, "0")}`);
    await etcd.delete().key(`${dir}k02`);
    await etcd.put(`${dir}k02`).value("a2"); // deleted and re-created with the same value: updated
    await etcd.put(`${dir}tmp`).value("t");
    await etcd.delete().key(`${dir}tmp`); // born and gone in between: no change
    await etcd.put(`${dir}new/1`).value("n");
    await etcd.put(`${dir}k04`).value("b4");
    await etcd.put(`${dir}k04`).value("a4"); // written back to its old value: still updated
    const to = (await etcd.put(`${dir}sub/x`).value("b").exec()).header.revision;
    await etcd.put(`${dir}k05`).value("after-to"); // after `to`: not in the answer
    await etcd.delete().key(`${dir}k06`);

    const expected = await reference(dir, from, to);
    expect(expected.length).toBeGreaterThan(15);
    // Small scan batches too, so the two listings run out at different keys.
    for (const [limit, scanBatch] of [
      [1, 1000],
      [4, 1000],
      [7, 3],
      [1000, 2],
      [1000, 5],
      [3, 4],
    ]) {
      changesLimits.scanBatch = scanBatch;
      try {
        const { rows, pages } = await allChanges(dir, from, to, limit);
        expect(rows.map(brief), `limit=${limit} scan=${scanBatch}`).toEqual(expected);
        expect(pages.every((p) => p.from === from && p.to === to)).toBe(true);
      } finally {
        changesLimits.scanBatch = 1000;
      }
    }
    // Without `to`: up to now, which includes the two writes after `to`.
    const now = await allChanges(dir, from, undefined, 1000);
    const nowRef = await reference(dir, from, now.pages[0].to);
    expect(now.rows.map(brief)).toEqual(nowRef);
    expect(now.rows.map(brief)).toContain(`${dir}k05 updated a5 after-to`);
  });

  it("keeps binary keys and values byte-exact", async () => {
    const dir = Buffer.from(`${base}bin/`);
    const key = Buffer.concat([dir, Buffer.from([0xfe, 0x00])]);
    const from = (
      await etcd
        .put(key)
        .value(Buffer.from([1, 2, 0xff]))
        .exec()
    ).header.revision;
    await etcd.put(key).value(Buffer.from([0x80]));
    const res = await call(
      changes.GET,
      "GET",
      `/api/v1/changes?prefix=${q(dir.toString("base64"))}&prefixEncoding=base64&from=${from}`,
    );
    expect(res.status).toBe(200);
    const [row] = res.body.changes;
    expect(Buffer.from(row.key, row.keyEncoding)).toEqual(key);
    expect(Buffer.from(row.before.value, row.before.valueEncoding)).toEqual(
      Buffer.from([1, 2, 0xff]),
    );
    expect(Buffer.from(row.after.value, row.after.valueEncoding)).toEqual(Buffer.from([0x80]));
  });

  it("refuses bad revisions with 400 naming the field", async () => {
    const now = (await etcd.put(`${base}x`).value("x").exec()).header.revision;
    const future = (BigInt(now) + 1000n).toString();
    const cases = [
      [`from=0`, "from"],
      [`from=${now}&to=1`, "from"],
      [`from=1&to=${future}`, "to"],
      [`from=${future}`, "from"],
      [`from=1&after=nope`, "after"],
      [``, "from"],
    ];
    for (const [query, field] of cases) {
      const res = await call(changes.GET, "GET", `/api/v1/changes?prefix=${q(base)}&${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.details.field, query).toBe(field);
    }
  });
});
