import { describe, expect, it } from "vitest";
import { STALE_AFTER_MS, streamHealth } from "@/lib/live/watch-stream-health";
import { INITIAL_STREAM_STATE, type WatchStreamState } from "@/lib/live/watch-stream-types";

const T = 1_000_000;
const connected = (confirmedAt: number | null): WatchStreamState => ({
  ...INITIAL_STREAM_STATE,
  status: "connected",
  lastRevision: "10",
  confirmedAt,
});

describe("the watch stream's shown health", () => {
  it("is connected while confirmations keep coming, counting seconds since the last", () => {
    expect(streamHealth(connected(T), T + 4_900, false)).toEqual({
      status: "connected",
      confirmedAgoS: 4,
    });
    expect(streamHealth(connected(T), T + STALE_AFTER_MS, false).status).toBe("connected");
  });

  it("turns stale once nothing confirmed the stream for over 12 s", () => {
    expect(streamHealth(connected(T), T + STALE_AFTER_MS + 1, false)).toEqual({
      status: "stale",
      confirmedAgoS: 12,
    });
    expect(STALE_AFTER_MS).toBeLessThan(15_000);
  });

  it("is back to connected as soon as a new confirmation arrives", () => {
    const later = T + 60_000;
    expect(streamHealth(connected(later - 1_000), later, false).status).toBe("connected");
  });

  it("is never green while the header says etcd is unreachable", () => {
    expect(streamHealth(connected(T), T + 1_000, true).status).toBe("stale");
  });

  it("keeps the connection's own status otherwise", () => {
    for (const status of ["connecting", "reconnecting", "closed"] as const) {
      const state = { ...connected(T), status };
      expect(streamHealth(state, T + 60_000, true).status).toBe(status);
    }
    expect(streamHealth(INITIAL_STREAM_STATE, T, false)).toEqual({
      status: "connecting",
      confirmedAgoS: null,
    });
  });
});
