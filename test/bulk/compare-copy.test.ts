import { afterAll, describe, expect, it } from "vitest";
import * as compare from "@/app/api/v1/compare/route";
import { compareCopyFile } from "@/app/compare/_components/compare-copy";
import type { CompareResponse } from "@/lib/contract";
import { call, q, rawClient, uniquePrefix } from "../helpers/api";
import { importFile } from "./helpers";

const etcd = rawClient();
const base = uniquePrefix("bulk-cmp-copy");
afterAll(async () => {
  await etcd.delete().prefix(base);
  etcd.close();
});

describe("compare page: Copy selected left → right", () => {
  it("writes the left values the compare showed (at its left revision) under the compared right prefix, and never overwrites a right key changed since", async () => {
    const l = `${base}l/`;
    const r = `${base}r/`;
    await etcd.put(`${l}a`).value("a-past");
    await etcd.put(`${l}b`).value("b-left");
    const past = await etcd.put(`${l}c`).value("c-left").exec();
    await etcd.put(`${l}a`).value("a-now"); // the left key changes after the left revision
    await etcd.put(`${r}b`).value("b-right");
    await etcd.put(`${r}c`).value("c-right");

    const res = await call(
      compare.GET,
      "GET",
      `/api/v1/compare?left=${q(l)}&leftRevision=${past.header.revision}&right=${q(r)}`,
    );
    expect(res.status).toBe(200);
    const cmp = res.body as CompareResponse;
    expect(cmp.entries.map((e) => [e.key, e.status])).toEqual([
      ["a", "only-left"],
      ["b", "different"],
      ["c", "different"],
    ]);

    // Someone writes on the right after the compare: b is changed, a is created.
    await etcd.put(`${r}b`).value("b-theirs");
    await etcd.put(`${r}a`).value("a-theirs");

    const file = compareCopyFile(cmp, new Set(["a", "b", "c"]));
    expect(file).not.toBeNull();
    const out = await importFile(`mode=overwrite&planRevision=${cmp.right.revision}`, file!);
    expect(out.status).toBe(200);
    const outcome = Object.fromEntries(out.body.items.map((i: any) => [i.key, i.outcome]));
    expect(outcome).toEqual({ [`${r}a`]: "conflict", [`${r}b`]: "conflict", [`${r}c`]: "updated" });
    const now = await etcd.getAll().prefix(r).strings();
    expect(now).toEqual({ [`${r}a`]: "a-theirs", [`${r}b`]: "b-theirs", [`${r}c`]: "c-left" });

    // Nothing raced: the past left value lands (not the current "a-now").
    await etcd.delete().key(`${r}a`);
    const again = await call(
      compare.GET,
      "GET",
      `/api/v1/compare?left=${q(l)}&leftRevision=${past.header.revision}&right=${q(r)}`,
    );
    const file2 = compareCopyFile(again.body, new Set(["a"]));
    const out2 = await importFile(
      `mode=overwrite&planRevision=${again.body.right.revision}`,
      file2!,
    );
    expect(out2.body.items.map((i: any) => [i.key, i.outcome])).toEqual([[`${r}a`, "created"]]);
    expect(await etcd.get(`${r}a`).string()).toBe("a-past");
  });

  it("has nothing to send when no ticked key has a left side", () => {
    const cmp: CompareResponse = {
      header: { revision: "9" },
      left: { prefix: "/l/", prefixEncoding: "utf8", revision: "9" },
      right: { prefix: "/r/", prefixEncoding: "utf8", revision: "9" },
      counts: { "only-left": 0, "only-right": 1, different: 0, same: 0 },
      entries: [{ key: "x", keyEncoding: "utf8", status: "only-right" }],
      truncated: false,
    };
    expect(compareCopyFile(cmp, new Set(["x"]))).toBeNull();
  });
});
