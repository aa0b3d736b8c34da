import type { ClusterMetricsResponse, HistogramSample, MemberFigures } from "@/lib/contract";
import { bucketDelta, histogramQuantile, type Buckets } from "@/lib/format/histogram";

/** How much history the dashboard keeps and shows, in ms (15 min). */
export const WINDOW_MS = 15 * 60_000;

/** One poll of `GET /api/v1/cluster/metrics` as kept by the dashboard. */
export type Sample = ClusterMetricsResponse;

/** Two consecutive readings of one member, `dtS` seconds apart (null `prev`: the first one). */
export type Pair = { prev: MemberFigures | null; cur: MemberFigures; dtS: number };

/** `history` plus `sample`, dropping samples older than {@link WINDOW_MS} before its time. */
export function appendSample(history: Sample[], sample: Sample): Sample[] {
  const t = sampleTime(sample);
  if (history.length && sampleTime(history[history.length - 1]) >= t) return history;
  return [...history.filter((s) => t - sampleTime(s) <= WINDOW_MS), sample];
}

/** When a sample was taken, ms since the epoch (the latest member reading). */
export function sampleTime(s: Sample): number {
  return Math.max(0, ...s.members.map((m) => m.at));
}

/** Per-second rate of a counter between two readings; null across a restart (it went down). */
export function rate(prev: number | undefined, cur: number, dtS: number): number | null {
  if (prev === undefined || dtS <= 0 || cur < prev) return null;
  return (cur - prev) / dtS;
}

/**
 * The p99 in ms of the observations made between two readings of a histogram (Prometheus's
 * `histogram_quantile(0.99, rate(…))` over one interval); null when none were made, or across a
 * restart.
 */
export function recentP99Ms(prev: HistogramSample | undefined, cur: HistogramSample) {
  if (!prev) return null;
  const toBuckets = (h: HistogramSample): Buckets => h.buckets.map(([b, c]) => [b ?? Infinity, c]);
  const delta = bucketDelta(toBuckets(prev), toBuckets(cur));
  const q = delta && histogramQuantile(0.99, delta);
  return q === null ? null : q * 1000;
}

/**
 * Chart rows from the history: one row per sample after the first, `{t, <series key>: value}`
 * where the key is `"<member name>"` or `"<member name> <line label>"` for charts with several
 * lines. `lines` computes the values of one member from two consecutive readings; `firstOf`
 * gives each member's first reading in the window (for "changes in the window" counts).
 */
export function chartRows(
  history: Sample[],
  lines: (p: Pair, first: MemberFigures) => Record<string, number | null>,
): Record<string, number | null>[] {
  const first = new Map<string, MemberFigures>();
  const rows: Record<string, number | null>[] = [];
  for (let i = 0; i < history.length; i++) {
    const row: Record<string, number | null> = { t: sampleTime(history[i]) };
    let any = false;
    for (const m of history[i].members) {
      if (!m.figures) continue;
      if (!first.has(m.id)) first.set(m.id, m.figures);
      const before = history[i - 1]?.members.find((x) => x.id === m.id);
      const pair: Pair = {
        prev: before?.figures ?? null,
        cur: m.figures,
        dtS: before ? (m.at - before.at) / 1000 : 0,
      };
      if (!pair.prev) continue;
      for (const [label, value] of Object.entries(lines(pair, first.get(m.id)!))) {
        row[label ? `${m.name} ${label}` : m.name] = value;
        any = true;
      }
    }
    if (any) rows.push(row);
  }
  return rows;
}
