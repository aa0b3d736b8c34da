import { describe, expect, it } from "vitest";
import {
  EMPTY_EVENT_LOG,
  reduceEventLog,
  type EventLogAction,
  type EventLogState,
  type LogRow,
} from "@/app/_components/event-log/event-log-reducer";
import type { WatchEventDto } from "@/lib/contract";
import type { WatchStreamMessage } from "@/lib/live/use-watch-stream";

const AT = 1_700_000_000_000;

function kv(key: string, value: string, modRevision: string) {
  return {
    key,
    keyEncoding: "utf8",
    value,
    valueEncoding: "utf8",
    createRevision: "1",
    modRevision,
    version: "1",
    lease: "0",
  } as WatchEventDto["kv"];
}

/** A change message at `revision` putting each key (with an optional previous value). */
function change(revision: number, ...puts: [string, string, string?][]): WatchStreamMessage {
  const rev = String(revision);
  const events: WatchEventDto[] = puts.map(([key, value, prev]) => ({
    type: "put",
    kv: kv(key, value, rev),
    ...(prev !== undefined ? { prevKv: kv(key, prev, String(revision - 1)) } : {}),
  }));
  return { kind: "change", message: { revision: rev, events } };
}

function reset(compactRevision: number, revision: number, last: string | null): WatchStreamMessage {
  return {
    kind: "reset",
    lastRevision: last,
    message: {
      reason: "compacted",
      compactRevision: String(compactRevision),
      revision: String(revision),
    },
  };
}

function run(actions: EventLogAction[], limit = 100, start = EMPTY_EVENT_LOG): EventLogState {
  return actions.reduce((s, a) => reduceEventLog(s, a, limit), start);
}

const msgs = (...messages: WatchStreamMessage[]): EventLogAction => ({
  type: "messages",
  messages,
  at: AT,
});

const revisions = (rows: LogRow[]) => rows.map((r) => r.revision);

describe("reduceEventLog", () => {
  it("turns every event of a change into a row, in order, with its previous value", () => {
    const s = run([msgs(change(5, ["/a", "1", "0"], ["/b", "2"]), change(6, ["/a", "3", "1"]))]);
    expect(s.rows.map((r) => (r.kind === "event" ? `${r.revision}:${r.key}` : "gap"))).toEqual([
      "5:/a",
      "5:/b",
      "6:/a",
    ]);
    const first = s.rows[0];
    expect(first.kind === "event" && first.prev).toEqual({ value: "0", valueEncoding: "utf8" });
    const second = s.rows[1];
    expect(second.kind === "event" && second.prev).toBeNull();
    expect(new Set(s.rows.map((r) => r.id)).size, "row ids are unique").toBe(3);
    expect(s.nextId).toBe(3);
  });

  it("stays bounded to the limit, dropping the oldest rows", () => {
    const actions = Array.from({ length: 25 }, (_, i) => msgs(change(i + 1, ["/k", String(i)])));
    const s = run(actions, 10);
    expect(s.rows).toHaveLength(10);
    expect(revisions(s.rows)).toEqual(Array.from({ length: 10 }, (_, i) => String(i + 16)));
    // One batch larger than the limit is cut too.
    const big = run([msgs(...Array.from({ length: 30 }, (_, i) => change(i + 1, ["/k", "v"])))], 7);
    expect(revisions(big.rows)).toEqual(["24", "25", "26", "27", "28", "29", "30"]);
  });

  it("buffers while paused (bounded too) and shows the buffer on resume, in order", () => {
    let s = run([msgs(change(1, ["/a", "1"])), { type: "pause" }, msgs(change(2, ["/a", "2"]))]);
    expect(s.paused).toBe(true);
    expect(revisions(s.rows)).toEqual(["1"]);
    expect(revisions(s.buffered)).toEqual(["2"]);
    s = run([...Array.from({ length: 6 }, (_, i) => msgs(change(i + 3, ["/a", "x"])))], 4, s);
    expect(revisions(s.buffered), "the pause buffer keeps only the newest rows").toEqual([
      "5",
      "6",
      "7",
      "8",
    ]);
    s = run([{ type: "resume" }], 4, s);
    expect(s.paused).toBe(false);
    expect(s.buffered).toEqual([]);
    expect(revisions(s.rows)).toEqual(["5", "6", "7", "8"]);
  });

  it("turns a reset into a gap row between the last seen and the compact revision", () => {
    const s = run([msgs(change(3, ["/a", "1"]), reset(40, 42, "3"), change(43, ["/a", "2"]))]);
    expect(s.rows.map((r) => r.kind)).toEqual(["event", "gap", "event"]);
    expect(s.rows[1]).toMatchObject({
      kind: "gap",
      from: "3",
      compactRevision: "40",
      revision: "42",
      at: AT,
    });
  });

  it("clear empties rows and buffer but keeps ids increasing; empty batches change nothing", () => {
    const before = run([
      msgs(change(1, ["/a", "1"])),
      { type: "pause" },
      msgs(change(2, ["/b", "2"])),
    ]);
    const cleared = run([{ type: "clear" }], 100, before);
    expect(cleared.rows).toEqual([]);
    expect(cleared.buffered).toEqual([]);
    expect(cleared.nextId).toBe(before.nextId);
    expect(reduceEventLog(cleared, msgs(), 100), "no messages, same state").toBe(cleared);
  });
});
