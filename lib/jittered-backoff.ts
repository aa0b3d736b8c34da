import { decorrelatedJitterGenerator, ExponentialBackoff, type IBackoff } from "cockatiel";

/**
 * Waits between retries after consecutive failures: cockatiel's exponential backoff with
 * decorrelated jitter (Polly's), without a retry policy around it. The n-th wait is spread
 * around `initialMs`·2ⁿ and never exceeds `maxMs`; the jitter keeps many clients that failed
 * together (a restarted gateway, an etcd failover) from retrying together. Used by the gateway's
 * watch feeds and the browser's watch connection alike.
 */
export class JitteredBackoff {
  private readonly factory: ExponentialBackoff<unknown>;
  private current: IBackoff<unknown> | undefined;

  /**
   * @param initialMs  the scale of the first wait, in ms (cockatiel's initialDelay; a jittered
   *   wait may be shorter)
   * @param maxMs      the longest wait, in ms
   */
  constructor(initialMs: number, maxMs: number) {
    this.factory = new ExponentialBackoff({
      generator: decorrelatedJitterGenerator,
      initialDelay: initialMs,
      maxDelay: maxMs,
    });
  }

  /** The wait (whole ms) before the next attempt; each call counts one more failure. */
  next(): number {
    this.current = (this.current ?? this.factory).next(undefined);
    return Math.round(this.current.duration);
  }

  /** An attempt succeeded: the next failure starts over from the first wait. */
  reset(): void {
    this.current = undefined;
  }
}
