import { describe, expect, it } from "vitest";
import type { TreeChild } from "@/lib/contract";
import { isTargetRow, revealTarget, targetIsFurther } from "@/app/_components/tree/reveal";
import { treePageLimit } from "@/lib/query/use-tree-query";

const row = (key: string, hasValue: boolean, hasChildren = false): TreeChild => ({
  name: key.slice(key.lastIndexOf("/") + 1),
  nameEncoding: "utf8",
  key,
  keyEncoding: "utf8",
  hasValue,
  hasChildren,
});

describe("revealTarget", () => {
  it("names a key's row in its parent folder", () => {
    const t = revealTarget({ kind: "key", ref: { key: "/a/b/k01", keyEncoding: "utf8" } });
    expect(t?.folder).toEqual({ prefix: "/a/b/", prefixEncoding: "utf8" });
    expect(t && isTargetRow(row("/a/b/k01", true), t)).toBe(true);
    expect(t && isTargetRow(row("/a/b/k02", true), t)).toBe(false);
  });

  it("names a folder's row (its key without the separator); none for the root", () => {
    const t = revealTarget({ kind: "folder", folder: { prefix: "/a/b/", prefixEncoding: "utf8" } });
    expect(t?.folder).toEqual({ prefix: "/a/", prefixEncoding: "utf8" });
    expect(t && isTargetRow(row("/a/b", false, true), t)).toBe(true);
    expect(revealTarget({ kind: "folder", folder: { prefix: "", prefixEncoding: "utf8" } })).toBe(
      null,
    );
  });

  it("canonicalizes a base64 selection of a UTF-8 key", () => {
    const t = revealTarget({ kind: "key", ref: { key: btoa("/x/y"), keyEncoding: "base64" } });
    expect(t?.row).toEqual({ key: "/x/y", keyEncoding: "utf8" });
  });
});

describe("targetIsFurther", () => {
  const t = revealTarget({ kind: "key", ref: { key: "/f/k5000", keyEncoding: "utf8" } })!;
  it("asks for more pages only while the last row sorts before the target", () => {
    expect(targetIsFurther(undefined, t)).toBe(true);
    expect(targetIsFurther(row("/f/k4999", true), t)).toBe(true);
    expect(targetIsFurther(row("/f/k5001", true), t)).toBe(false);
  });
  it("sorts a folder-only row by its first key (name + separator)", () => {
    const dot = revealTarget({ kind: "key", ref: { key: "/f/a.", keyEncoding: "utf8" } })!;
    // `/f/a/` (folder a) sorts after `/f/a.`: the key would have been listed before it.
    expect(targetIsFurther(row("/f/a", false, true), dot)).toBe(false);
    expect(targetIsFurther(row("/f/a", true, true), dot)).toBe(true);
  });
});

describe("treePageLimit", () => {
  it("grows from 200 to 2,000 rows a page, so 10,000 rows take 8 pages", () => {
    const limits = Array.from({ length: 8 }, (_, i) => treePageLimit(i));
    expect(limits).toEqual([200, 400, 800, 1600, 2000, 2000, 2000, 2000]);
    expect(limits.reduce((a, b) => a + b)).toBeGreaterThanOrEqual(10_000);
  });
});
