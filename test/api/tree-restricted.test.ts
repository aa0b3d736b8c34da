import { describe, expect, it } from "vitest";
import { restrictedChildren } from "@/lib/etcd/tree/tree-restricted";

const b = (s: string) => Buffer.from(s);
const q = (prefix: string) => ({ prefix: b(prefix), separator: b("/") });
const names = (rows: { name: string; hasChildren: boolean; hasValue: boolean }[]) =>
  rows.map((r) => `${r.name}${r.hasChildren ? "/" : ""}${r.hasValue ? "=" : ""}`);

describe("restrictedChildren (the ways into readable ranges below a folder)", () => {
  const ranges = [
    { key: b("/app/"), rangeEnd: b("/app0") },
    { key: b("/app/rw/"), rangeEnd: b("/app/rw0") },
    { key: b("/cfg/one"), rangeEnd: null },
    { key: b("/ap"), rangeEnd: b("/aq") },
  ];

  it("gives the next path segment of each range starting below the folder, once each", () => {
    expect(names(restrictedChildren(q(""), ranges))).toEqual(["/"]);
    expect(names(restrictedChildren(q("/"), ranges))).toEqual(["ap/", "app/", "cfg/"]);
    expect(names(restrictedChildren(q("/cfg/"), ranges))).toEqual(["one="]);
    expect(restrictedChildren(q("/"), ranges).every((r) => r.restricted)).toBe(true);
  });

  it("gives nothing for a folder no range starts below", () => {
    expect(restrictedChildren(q("/other/"), ranges)).toEqual([]);
    expect(restrictedChildren(q("/app/"), [{ key: b("/app/"), rangeEnd: b("/app0") }])).toEqual([]);
  });
});
