import { describe, expect, it } from "vitest";
import { toNdjson } from "@/app/_components/event-log/event-log-export";
import type { LogRow } from "@/app/_components/event-log/event-log-reducer";
import { lineDiff } from "@/lib/format/value-diff";

const base = { kind: "event", keyEncoding: "utf8", valueEncoding: "utf8", at: 0 } as const;

describe("toNdjson", () => {
  it("writes one JSON object per event line, skipping gap rows", () => {
    const rows: LogRow[] = [
      {
        ...base,
        id: 0,
        revision: "7",
        type: "put",
        key: "/a",
        value: "2",
        modRevision: "7",
        prev: { value: "1", valueEncoding: "utf8" },
      },
      { kind: "gap", id: 1, from: "7", compactRevision: "9", revision: "10", at: 0 },
      {
        ...base,
        id: 2,
        revision: "11",
        type: "delete",
        key: "/a",
        value: "",
        modRevision: "11",
        prev: null,
      },
    ];
    const lines = toNdjson(rows).split("\n");
    expect(lines.at(-1), "the export ends with a newline").toBe("");
    expect(lines.slice(0, -1).map((l) => JSON.parse(l))).toEqual([
      {
        revision: "7",
        type: "put",
        key: "/a",
        keyEncoding: "utf8",
        value: "2",
        valueEncoding: "utf8",
        modRevision: "7",
        prevValue: "1",
        prevValueEncoding: "utf8",
      },
      {
        revision: "11",
        type: "delete",
        key: "/a",
        keyEncoding: "utf8",
        value: null,
        valueEncoding: "utf8",
        modRevision: "11",
      },
    ]);
  });
});

describe("lineDiff", () => {
  it("marks removed, added and unchanged lines", () => {
    expect(lineDiff("a\nb\nc\n", "a\nB\nc\n")).toEqual([
      { op: " ", text: "a" },
      { op: "-", text: "b" },
      { op: "+", text: "B" },
      { op: " ", text: "c" },
    ]);
  });

  it("gives up on values too large to diff", () => {
    expect(lineDiff("x".repeat(300_000), "y")).toBeNull();
  });
});
