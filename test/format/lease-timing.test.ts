import { describe, expect, it } from "vitest";
import {
  expiryFromTtl,
  LEASE_RESYNC_MS,
  MIN_LEASE_READ_MS,
  nextLeaseReadMs,
  urgentSeconds,
} from "@/lib/format/lease-timing";
import { secondsLeft } from "@/lib/format/ttl";

/**
 * Simulate a countdown for `durationMs` in 10 ms steps: etcd's lease (granted `ttl` s, renewed
 * every ttl/3 from `phaseMs` on when `keptAlive`), reads on the {@link nextLeaseReadMs} schedule
 * that etcd answers halfway through `latencyMs` with its rounded-down TTL, and the display.
 * Returns the lowest whole-seconds value shown, the read count and whether the lease was seen gone.
 */
function simulate(
  ttl: number,
  keptAlive: boolean,
  latencyMs: number,
  durationMs: number,
  phaseMs = 0,
) {
  let actualExpiry = ttl * 1000;
  let lastRenewal = phaseMs - (ttl * 1000) / 3;
  const etcdTtl = (t: number) => {
    const remaining = actualExpiry - t;
    return remaining <= 0 ? null : Math.floor(remaining / 1000);
  };
  let shown = expiryFromTtl(ttl, 0);
  let nextRead = nextLeaseReadMs(shown, ttl, 0);
  let sent: number | null = null;
  let lowest = Infinity;
  let reads = 0;
  for (let t = 0; t <= durationMs; t += 10) {
    if (keptAlive && t - lastRenewal >= (ttl * 1000) / 3) {
      lastRenewal = t;
      actualExpiry = t + ttl * 1000;
    }
    if (sent === null && t >= nextRead) {
      sent = t;
      reads++;
    }
    if (sent !== null && t >= sent + latencyMs) {
      const answered = etcdTtl(sent + latencyMs / 2);
      sent = null;
      if (answered === null) return { lowest: 0, reads, gone: true };
      shown = expiryFromTtl(answered, t);
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
    expect(expiryFromTtl(4, 10_000), "the middle of etcd's rounded-down second").toBe(14_500);
  });

  it("lands on a shared 250 ms grid so leases due together are read in one batch", () => {
    for (const now of [1_000_123, 1_000_249, 1_000_250, 1_000_987]) {
      for (const [expiresAt, granted] of [
        [now + 4_321, 5],
        [now + 9_876, 10],
        [now + 300, 5],
      ]) {
        const wait = nextLeaseReadMs(expiresAt, granted, now);
        expect((now + wait) % 250, `now ${now}, expires ${expiresAt}`).toBe(0);
        expect(wait).toBeGreaterThanOrEqual(MIN_LEASE_READ_MS);
      }
    }
  });

  it.each([5, 10, 30])(
    "a lease of %i s kept alive every TTL/3 never shows red, even with 400 ms reads",
    (ttl) => {
      for (let phase = 0; phase < 2_000; phase += 130) {
        const run = simulate(ttl, true, 400, 6 * ttl * 1000, phase);
        expect(run.gone).toBe(false);
        expect(run.lowest, `renewal phase ${phase} ms`).toBeGreaterThan(urgentSeconds(ttl));
      }
    },
  );

  it("a lease nobody renews counts down to its end and is seen gone", () => {
    const run = simulate(10, false, 300, 20_000);
    expect(run.gone).toBe(true);
    expect(run.reads).toBeLessThan(12);
  });
});
