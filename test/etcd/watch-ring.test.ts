import { describe, expect, it } from "vitest";
import type { KvDto } from "@/lib/contract";
import {
  heldBytes,
  WatchRing,
  type ChangeMessage,
  type RingBudget,
} from "@/lib/etcd/watch/watch-ring";

const kv = (key: string, value: string, revision: bigint): KvDto => ({
  key,
  keyEncoding: "utf8",
  value,
  valueEncoding: "utf8",
  createRevision: String(revision),
  modRevision: String(revision),
  version: "1",
  lease: null,
  valueSize: value.length,
});
const change = (revision: bigint, valueBytes: number): ChangeMessage => ({
  kind: "change",
  revision,
  events: [{ type: "put", kv: kv("/k", "x".repeat(valueBytes), revision) }],
});
const revisions = (ring: WatchRing) => [...ring].map((m) => m.revision);

describe("WatchRing", () => {
  it("counts a message's strings twice: the message and its one encoded frame", () => {
    const small = heldBytes(change(1n, 0));
    expect(heldBytes(change(1n, 1_000_000)) - small).toBe(2_000_000);
  });

  it("drops the oldest messages once their bytes pass the budget, and says where coverage starts", () => {
    const MiB = 1024 * 1024;
    const ring = new WatchRing(4096, 10 * MiB);
    for (let r = 1n; r <= 4n; r++) expect(ring.push(change(r, MiB))).toBeUndefined();
    expect(ring.bytes).toBeLessThanOrEqual(10 * MiB);
    // Each message holds ~2 MiB: the fifth pushes the total past 10 MiB, so revision 1 goes.
    expect(ring.push(change(5n, MiB))).toBe(2n);
    expect(revisions(ring)).toEqual([2n, 3n, 4n, 5n]);
    // A 2.5 MiB value (~5 MiB held) makes room by dropping two more.
    expect(ring.push(change(9n, 2.5 * MiB))).toBe(4n);
    expect(revisions(ring)).toEqual([4n, 5n, 9n]);
    expect(ring.bytes).toBeLessThanOrEqual(10 * MiB);
    // Many small messages stay: bytes, not count, was the bound here.
    for (let r = 10n; r < 110n; r++) ring.push(change(r, 10));
    expect(ring.length).toBe(103);
  });

  it("still bounds the count, and keeps no message larger than the whole budget", () => {
    const ring = new WatchRing(3, 1024 * 1024);
    for (let r = 1n; r <= 5n; r++) ring.push(change(r, 1));
    expect(revisions(ring)).toEqual([3n, 4n, 5n]);
    expect(ring.push(change(6n, 1024 * 1024))).toBe(7n);
    expect(ring.length).toBe(0);
    expect(ring.bytes).toBe(0);
  });

  it("keeps all rings together within the shared budget: the growing one trims itself", () => {
    const MiB = 1024 * 1024;
    const budget: RingBudget = { bytes: 0, maxBytes: 11 * MiB };
    const a = new WatchRing(4096, 32 * MiB, budget);
    const b = new WatchRing(4096, 32 * MiB, budget);
    for (let r = 1n; r <= 4n; r++) a.push(change(r, MiB)); // ~8 MiB held by a
    expect(budget.bytes).toBe(a.bytes);
    // b's second ~2 MiB message passes the shared 11 MiB: b drops its own oldest, a keeps all.
    expect(b.push(change(10n, MiB))).toBeUndefined();
    expect(b.push(change(11n, MiB))).toBe(11n);
    expect(revisions(a)).toEqual([1n, 2n, 3n, 4n]);
    expect(revisions(b)).toEqual([11n]);
    expect(budget.bytes).toBeLessThanOrEqual(budget.maxBytes);
    // A closed feed clears its ring and gives its bytes back.
    a.clear();
    expect(budget.bytes).toBe(b.bytes);
    expect(b.push(change(12n, MiB))).toBeUndefined();
  });
});
