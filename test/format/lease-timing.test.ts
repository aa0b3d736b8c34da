import { describe, expect, it } from "vitest";
import {
  LEASE_RESYNC_MS,
  MIN_LEASE_READ_MS,
  nextLeaseReadMs,
  urgentSeconds,
} from "@/lib/format/lease-timing";
import { secondsLeft } from "@/lib/format/ttl";

/**
 * Simulate a countdown for `durationMs`: etcd's lease (granted `ttl` s, renewed every ttl/3 when
 * `keptAlive`), reads on the {@link nextLeaseReadMs} schedule answered after `latencyMs`, and the
 * display ticking every 100 ms. Returns the lowest whole-seconds value shown and the read count.
 */
function simulate(ttl: number, keptAlive: boolean, latencyMs: number, durationMs: number) {
  let actualExpiry = ttl * 1000;
  let lastRenewal = 0;
  const read = (t: number) => {
    const remaining = actualExpiry - t;
    return remaining <= 0 ? null : t + Math.floor(remaining / 1000) * 1000;
  };
  let shown = read(0) as number;
  let nextRead = nextLeaseReadMs(shown, ttl, 0);
  let inFlight: number | null = null;
  let lowest = Infinity;
  let reads = 0;
  for (let t = 0; t <= durationMs; t += 100) {
    if (keptAlive && t - lastRenewal >= (ttl * 1000) / 3) {
      lastRenewal = t;
      actualExpiry = t + ttl * 1000;
    }
    if (inFlight === null && t >= nextRead) {
      inFlight = t;
      reads++;
    }
    if (inFlight !== null && t >= inFlight + latencyMs) {
      const answered = read(inFlight);
      inFlight = null;
      if (answered === null) return { lowest: 0, reads, gone: true };
      shown = answered + latencyMs;
      nextRead = t + nextLeaseReadMs(shown, ttl, t);
    }
    lowest = Math.min(lowest, secondsLeft(shown, t));
  }
  return { lowest, reads, gone: false };
}

describe("lease countdown timing", () => {
  it("turns red at a third of the granted TTL, between 1 and 5 s", () => {
    expect(urgentSeconds(undefined)).toBe(5);
    expect(urgentSeconds(60)).toBe(5);
    expect(urgentSeconds(10)).toBe(3);
    expect(urgentSeconds(5)).toBe(1);
    expect(urgentSeconds(1)).toBe(1);
  });

  it("waits at most the resync period and at least the minimum gap", () => {
    expect(nextLeaseReadMs(600_000, 600, 0)).toBe(LEASE_RESYNC_MS);
    expect(nextLeaseReadMs(500, 5, 0)).toBe(MIN_LEASE_READ_MS);
    // 8 s left of 10 s: read again 1 s before the countdown would show 3 s (red), i.e. at 5 s.
    expect(nextLeaseReadMs(8_000, 10, 0)).toBe(3_000);
  });

  it("lands on a shared 500 ms grid so leases due together are read in one batch", () => {
    for (const now of [1_000_123, 1_000_499, 1_000_500, 1_000_987]) {
      for (const [expiresAt, granted] of [
        [now + 4_321, 5],
        [now + 9_876, 10],
        [now + 300, 5],
      ]) {
        const wait = nextLeaseReadMs(expiresAt, granted, now);
        expect((now + wait) % 500, `now ${now}, expires ${expiresAt}`).toBe(0);
        expect(wait).toBeGreaterThanOrEqual(MIN_LEASE_READ_MS);
      }
    }
  });

  it.each([5, 10, 30])(
    "a lease of %i s kept alive every TTL/3 never shows red, even with 700 ms reads",
    (ttl) => {
      const run = simulate(ttl, true, 700, 6 * ttl * 1000);
      expect(run.gone).toBe(false);
      expect(run.lowest).toBeGreaterThan(urgentSeconds(ttl));
    },
  );

  it("a lease nobody renews counts down to its end and is seen gone", () => {
    const run = simulate(10, false, 300, 20_000);
    expect(run.gone).toBe(true);
    expect(run.reads).toBeLessThan(12);
  });
});
