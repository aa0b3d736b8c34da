import { describe, expect, it } from "vitest";
import {
  copyItemInto,
  markedId,
  normaliseMarked,
  parseMarkedId,
} from "@/app/_components/selection/marked-item";

describe("multi-select items", () => {
  it("parse back from the tree's row ids", () => {
    expect(parseMarkedId("k:utf8:/a/b:c")).toEqual({
      kind: "key",
      encoding: "utf8",
      key: "/a/b:c",
    });
    expect(parseMarkedId("f:base64:/w==")).toEqual({
      kind: "folder",
      encoding: "base64",
      key: "/w==",
    });
    expect(parseMarkedId("x:utf8:/a")).toBeNull();
    expect(markedId({ kind: "folder", encoding: "utf8", key: "/a/" })).toBe("f:utf8:/a/");
  });

  it("land under the destination folder by their last segment, bytes exact", () => {
    expect(copyItemInto({ kind: "key", encoding: "utf8", key: "/a/b/c" }, "/d/")).toEqual({
      from: "/a/b/c",
      fromEncoding: "utf8",
      to: "/d/c",
      toEncoding: "utf8",
    });
    expect(copyItemInto({ kind: "folder", encoding: "utf8", key: "/a/b/" }, "/d/")?.to).toBe(
      "/d/b/",
    );
    // "/\xff" (base64 L/8=) moved into /d/ is "/d/\xff" (base64 L2Qv/w==).
    expect(copyItemInto({ kind: "key", encoding: "base64", key: "L/8=" }, "/d/")).toMatchObject({
      to: "L2Qv/w==",
      toEncoding: "base64",
    });
    expect(copyItemInto({ kind: "key", encoding: "base64", key: "%%" }, "/d/")).toBeNull();
  });
});

describe("normaliseMarked", () => {
  const key = (k: string, encoding: "utf8" | "base64" = "utf8") =>
    ({ kind: "key", encoding, key: k }) as const;
  const folder = (k: string, encoding: "utf8" | "base64" = "utf8") =>
    ({ kind: "folder", encoding, key: k }) as const;

  it("drops keys and folders under a selected folder, keeping order", () => {
    expect(
      normaliseMarked([key("/a/x"), folder("/a/"), folder("/a/b/"), key("/ab"), key("/a/")]),
    ).toEqual([folder("/a/"), key("/ab")]);
  });

  it("compares bytes across encodings, and keeps the first of equal folders", () => {
    // "/\xff/k" under the folder "/\xff/" (base64 L/8v), and "/a/" named twice.
    expect(
      normaliseMarked([folder("L/8v", "base64"), key("L/8vaw==", "base64"), key("/\u00ff/k")]),
    ).toEqual([folder("L/8v", "base64"), key("/\u00ff/k")]);
    expect(normaliseMarked([folder("/a/"), folder("L2Ev", "base64")])).toEqual([folder("/a/")]);
  });

  it("leaves unrelated items alone", () => {
    const items = [key("/a"), folder("/b/"), key("/c/d")];
    expect(normaliseMarked(items)).toEqual(items);
  });
});
