import "server-only";

/** Timing of every watch feed's liveness check, in ms. */
export type WatchTiming = {
  /**
   * How often each feed asks etcd for progress (WatchRequest.progress_request): the answer is
   * the liveness signal behind stall detection and the `heartbeat` events.
   */
  progressEveryMs: number;
  /** No response at all for this long means a stalled stream: tear it down and re-create it. */
  stallAfterMs: number;
};

const DEFAULTS: WatchTiming = { progressEveryMs: 5_000, stallAfterMs: 20_000 };
const timing: WatchTiming = { ...DEFAULTS };

/** The current watch timing (read by feeds when they start and on every check). */
export function watchTiming(): Readonly<WatchTiming> {
  return timing;
}

/**
 * Change the watch timing for feeds started from now on (tests shorten it so a stall round
 * takes seconds, not the 20 s the default watchdog waits); `undefined` restores the defaults.
 */
export function setWatchTiming(next?: Partial<WatchTiming>): void {
  Object.assign(timing, DEFAULTS, next ?? {});
}
