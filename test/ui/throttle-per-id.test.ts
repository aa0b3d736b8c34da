import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { throttlePerId } from "@/lib/query/throttle-per-id";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("throttlePerId", () => {
  it("runs at once, folds a burst into one trailing run, and keeps ids apart", () => {
    const t = throttlePerId(500);
    const runs: string[] = [];
    const run = (id: string) => t.run(id, () => runs.push(`${id}@${Date.now() % 100_000}`));
    const start = Date.now() % 100_000;
    run("a");
    run("a");
    run("a");
    run("b");
    expect(runs).toEqual([`a@${start}`, `b@${start}`]);
    vi.advanceTimersByTime(499);
    expect(runs).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(runs).toEqual([`a@${start}`, `b@${start}`, `a@${start + 500}`]);
    vi.advanceTimersByTime(5_000);
    expect(runs).toHaveLength(3); // no run without a call
  });

  it("is throttled again right after a trailing run, and fresh once quiet", () => {
    const t = throttlePerId(500);
    const fn = vi.fn();
    t.run("a", fn);
    t.run("a", fn);
    vi.advanceTimersByTime(500); // trailing run
    expect(fn).toHaveBeenCalledTimes(2);
    t.run("a", fn); // inside the window the trailing run opened
    expect(fn).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(500);
    expect(fn).toHaveBeenCalledTimes(3);
    vi.advanceTimersByTime(2_000);
    t.run("a", fn); // long quiet: runs at once again
    expect(fn).toHaveBeenCalledTimes(4);
  });

  it("cancel drops pending trailing runs", () => {
    const t = throttlePerId(500);
    const fn = vi.fn();
    t.run("a", fn);
    t.run("a", fn);
    t.cancel();
    vi.advanceTimersByTime(5_000);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
