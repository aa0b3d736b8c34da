import { describe, expect, it } from "vitest";
import { JitteredBackoff } from "@/lib/jittered-backoff";

/** The first `n` waits of a fresh backoff. */
const waits = (b: JitteredBackoff, n: number) => Array.from({ length: n }, () => b.next());

describe("JitteredBackoff", () => {
  it("grows from about the initial wait to the cap and never past it", () => {
    const runs = Array.from({ length: 500 }, () => waits(new JitteredBackoff(100, 2_000), 12));
    for (const run of runs) for (const w of run) expect(w).toBeGreaterThanOrEqual(0);
    for (const run of runs) for (const w of run) expect(w).toBeLessThanOrEqual(2_000);
    const median = (i: number) => runs.map((r) => r[i]).sort((a, b) => a - b)[runs.length >> 1];
    expect(median(0)).toBeLessThan(140); // about the initial wait
    expect(median(0)).toBeLessThan(median(2));
    expect(median(2)).toBeLessThan(median(4));
    expect(median(11)).toBe(2_000); // capped
  });

  it("jitters: clients failing together don't retry together", () => {
    const firsts = new Set(
      Array.from({ length: 50 }, () => new JitteredBackoff(1_000, 2_000).next()),
    );
    expect(firsts.size).toBeGreaterThan(25);
  });

  it("starts over after reset", () => {
    const b = new JitteredBackoff(100, 2_000);
    waits(b, 10);
    expect(b.next()).toBe(2_000);
    b.reset();
    expect(b.next()).toBeLessThan(140);
  });
});
