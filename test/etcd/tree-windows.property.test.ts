import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { endOf, staircase, type Window } from "@/lib/etcd/tree/tree-windows";

// The staircase is pure: its windows can be checked against key ranges directly. etcd 3.4 walks
// every index entry inside a Range whatever its limit, so two windows of one round that overlap
// would read the overlap twice; a gap would skip children. The windows must tile the range.

/** Bytes around the separator "/" (0x2f), the ends of the byte range, and a few letters. */
const keyByte = fc.constantFrom(0x00, 0x01, 0x2d, 0x2e, 0x2f, 0x30, 0x61, 0x62, 0xfe, 0xff);
const bytes = (min: number, max: number) =>
  fc.array(keyByte, { minLength: min, maxLength: max }).map((a) => Buffer.from(a));

/** A folder, a cursor inside it, where the scan stops, and a keyspace around them. */
const scenario = fc
  .record({
    folder: bytes(0, 3),
    cursor: bytes(1, 6),
    stop: fc.option(bytes(1, 6), { nil: undefined }),
    keys: fc.array(bytes(0, 8), { maxLength: 200, size: "max" }),
  })
  .map(({ folder, cursor, stop, keys }) => {
    const from = Buffer.concat([folder, cursor]);
    // The scan's end: the folder's end, or an earlier bound past the cursor (a window's end).
    const folderEnd = endOf(folder);
    const bound = stop && Buffer.concat([folder, stop]);
    const end = bound && Buffer.compare(bound, from) > 0 ? bound : folderEnd;
    return { floor: folder.length, from, end, keys: keys.map((k) => Buffer.concat([folder, k])) };
  });

const inRange = (key: Buffer, start: Buffer, end: Buffer | null) =>
  Buffer.compare(key, start) >= 0 && (end === null || Buffer.compare(key, end) < 0);
/** A bound as text for messages and comparisons; null (the keyspace's end) as "∞". */
const hex = (b: Buffer | null) => (b === null ? "∞" : b.toString("hex"));

describe("staircase windows (property)", () => {
  it("tile [from, end) exactly: non-empty, in key order, each starting where the last ended", () => {
    fc.assert(
      fc.property(scenario, ({ floor, from, end }) => {
        const windows = staircase(from, end, floor);
        const faults: string[] = [];
        if (windows.length === 0) faults.push("no window");
        else {
          if (!windows[0].start.equals(from)) faults.push("the first window starts elsewhere");
          if (hex(windows.at(-1)!.end) !== hex(end)) faults.push("the last window ends elsewhere");
        }
        windows.forEach((w: Window, i) => {
          if (w.end !== null && Buffer.compare(w.start, w.end) >= 0) faults.push(`${i} is empty`);
          const last = windows[i - 1];
          if (last && hex(last.end) !== hex(w.start)) faults.push(`${i} doesn't abut ${i - 1}`);
        });
        expect(faults, windows.map((w) => `[${hex(w.start)}, ${hex(w.end)})`).join(" ")).toEqual(
          [],
        );
      }),
      { numRuns: 500 },
    );
  });

  it("cover every key of a random keyspace in [from, end) exactly once, and none outside it", () => {
    fc.assert(
      fc.property(scenario, ({ floor, from, end, keys }) => {
        const windows = staircase(from, end, floor);
        const miscounted = keys.filter((key) => {
          const covering = windows.filter((w) => inRange(key, w.start, w.end)).length;
          return covering !== (inRange(key, from, end) ? 1 : 0);
        });
        expect(
          miscounted.map((k) => k.toString("hex")),
          "keys read twice or never",
        ).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
