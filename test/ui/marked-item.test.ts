import { describe, expect, it } from "vitest";
import { copyItemInto, markedId, parseMarkedId } from "@/app/_components/selection/marked-item";

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
