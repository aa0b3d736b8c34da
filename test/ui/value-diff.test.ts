import { describe, expect, it } from "vitest";
import { valueDiff } from "@/lib/format/value-diff";
import { utf8ToBytes } from "@/lib/format/bytes";

describe("valueDiff (conflict dialog)", () => {
  it("text values: a line diff, theirs as - and mine as +", () => {
    expect(valueDiff(utf8ToBytes("a\nb theirs\nc\n"), utf8ToBytes("a\nb mine\nc\n"))).toEqual({
      kind: "lines",
      lines: [
        { op: " ", text: "a" },
        { op: "-", text: "b theirs" },
        { op: "+", text: "b mine" },
        { op: " ", text: "c" },
      ],
    });
  });

  it("a CRLF vs LF change is a change (the CR stays in the line text)", () => {
    const d = valueDiff(utf8ToBytes("a\r\n"), utf8ToBytes("a\n"));
    expect(d).toEqual({
      kind: "lines",
      lines: [
        { op: "-", text: "a\r" },
        { op: "+", text: "a" },
      ],
    });
  });

  it("values that are not text: only their sizes in bytes", () => {
    expect(valueDiff(new Uint8Array([0xff, 0x00, 0x01]), utf8ToBytes("text"))).toEqual({
      kind: "binary",
      beforeBytes: 3,
      afterBytes: 4,
    });
    expect(valueDiff(utf8ToBytes("k8s\0x"), utf8ToBytes("k8s\0y"))).toMatchObject({
      kind: "binary",
    });
  });

  it("huge values are not diffed", () => {
    expect(valueDiff(utf8ToBytes("x".repeat(300_000)), utf8ToBytes("y"))).toEqual({
      kind: "too-large",
    });
  });
});
