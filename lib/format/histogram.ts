/**
 * A Prometheus histogram as cumulative buckets: `[upperBound, count]` pairs in ascending bound
 * order, the last bound `Infinity` (`le="+Inf"`); bounds in the metric's unit (seconds for etcd's
 * latencies).
 */
export type Buckets = [number, number][];

/**
 * The `q` quantile (0–1) of the observations in cumulative `buckets`, as Prometheus's
 * `histogram_quantile` computes it: find the first bucket whose cumulative count reaches
 * `q × total`, and interpolate linearly between its lower and upper bound, assuming the
 * observations are spread evenly inside it. A rank in the `+Inf` bucket answers the highest
 * finite bound (the true value is only known to be above it). null when there are no
 * observations. Unit: that of the bounds.
 */
export function histogramQuantile(q: number, buckets: Buckets): number | null {
  if (buckets.length === 0) return null;
  const total = buckets[buckets.length - 1][1];
  if (!(total > 0)) return null;
  const rank = q * total;
  let prevBound = 0;
  let prevCount = 0;
  for (const [bound, count] of buckets) {
    if (count >= rank) {
      if (bound === Infinity) return prevBound;
      const inBucket = count - prevCount;
      if (inBucket <= 0) return bound;
      return prevBound + ((bound - prevBound) * (rank - prevCount)) / inBucket;
    }
    prevBound = bound;
    prevCount = count;
  }
  return prevBound;
}

/**
 * The observations made between two samples of the same histogram: `later − earlier`, bucket by
 * bucket (what Prometheus's `rate()` feeds `histogram_quantile`). null when the bounds differ or
 * a count went down (the member restarted: its counters began again).
 */
export function bucketDelta(earlier: Buckets, later: Buckets): Buckets | null {
  if (earlier.length !== later.length) return null;
  const out: Buckets = [];
  for (let i = 0; i < later.length; i++) {
    const [bound, count] = later[i];
    if (earlier[i][0] !== bound || count < earlier[i][1]) return null;
    out.push([bound, count - earlier[i][1]]);
  }
  return out;
}
