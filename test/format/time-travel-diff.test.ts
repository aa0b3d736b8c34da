import { describe, expect, it } from "vitest";
import { lineDiff } from "@/lib/format/value-diff";
import { normaliseValue } from "@/lib/format/time-travel/normalise";
import { sideBySide } from "@/lib/format/time-travel/side-by-side";

describe("normaliseValue (history diffs)", () => {
  it("makes JSON differing only in key order and layout identical", () => {
    const a = normaliseValue('{"b":1,"a":{"y":[1,2],"x":null}}', "json");
    const b = normaliseValue('{\n    "a": {"x": null, "y": [1, 2]},\n    "b": 1\n}', "json");
    expect(a).not.toBeNull();
    expect(a).toBe(b);
    expect(a).toBe(
      '{\n  "a": {\n    "x": null,\n    "y": [\n      1,\n      2\n    ]\n  },\n  "b": 1\n}\n',
    );
  });

  it("keeps a real JSON change visible", () => {
    expect(normaliseValue('{"a":1}', "json")).not.toBe(normaliseValue('{"a":2}', "json"));
  });

  it("makes YAML differing only in key order, quoting and indentation identical", () => {
    const a = normaliseValue("b: 'x'\na:\n    - 1\n    - 2\n", "yaml");
    const b = normaliseValue('a:\n  - 1\n  - 2\nb: "x"\n', "yaml");
    expect(a).toBe(b);
    expect(a).toBe("a:\n  - 1\n  - 2\nb: x\n");
  });

  it("returns null for a value that doesn't parse, and text as is", () => {
    expect(normaliseValue("{not json", "json")).toBeNull();
    expect(normaliseValue("a: [", "yaml")).toBeNull();
    expect(normaliseValue(" keep\r\n", "text")).toBe(" keep\r\n");
  });
});

describe("sideBySide", () => {
  it("pairs a removed run with the added run after it and numbers each side", () => {
    const lines = lineDiff("a\nb\nc\nd\n", "a\nB\nc\nd\ne\n");
    expect(lines).not.toBeNull();
    expect(sideBySide(lines!)).toEqual([
      { left: { n: 1, text: "a", changed: false }, right: { n: 1, text: "a", changed: false } },
      { left: { n: 2, text: "b", changed: true }, right: { n: 2, text: "B", changed: true } },
      { left: { n: 3, text: "c", changed: false }, right: { n: 3, text: "c", changed: false } },
      { left: { n: 4, text: "d", changed: false }, right: { n: 4, text: "d", changed: false } },
      { left: null, right: { n: 5, text: "e", changed: true } },
    ]);
  });

  it("leaves blanks on the right for lines only the left has", () => {
    const rows = sideBySide([
      { op: "-", text: "x" },
      { op: "-", text: "y" },
      { op: "+", text: "z" },
    ]);
    expect(rows).toEqual([
      { left: { n: 1, text: "x", changed: true }, right: { n: 1, text: "z", changed: true } },
      { left: { n: 2, text: "y", changed: true }, right: null },
    ]);
  });
});
