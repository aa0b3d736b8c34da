"use client";

import { InlineError } from "@/components/ui/inline-error";
import { MetricChart } from "./metric-chart";
import { CHARTS } from "./metric-charts";
import { chartRows } from "./series";
import { useMetricsHistory } from "./use-metrics-history";

/**
 * The live metrics dashboard on the cluster page: every member's `/metrics` sampled every 5 s
 * while the page is open (`GET /api/v1/cluster/metrics`), the last 15 minutes charted — request
 * and revision rates, DB size, leader changes, proposals, watches, leases, WAL fsync, backend
 * commit and peer round-trip p99s — each chart saying what is healthy (docs/metrics.md).
 */
export function MetricsDashboard() {
  const { history, query } = useMetricsHistory();
  const failing = query.data?.members.filter((m) => m.error) ?? [];
  return (
    <section aria-label="Metrics" className="mt-6">
      <h2 className="text-base font-semibold">Metrics</h2>
      <p className="mb-3 text-sm text-slate-500">
        From each member&apos;s /metrics every 5 s while this page is open; the last 15 minutes (
        {history.length} samples). Rates and p99s are over each 5 s interval.
      </p>
      {query.isError ? (
        <InlineError message={`Could not read metrics: ${query.error.message}`} />
      ) : null}
      {failing.map((m) => (
        <InlineError key={m.id} message={`${m.name || m.id}: ${m.error}`} />
      ))}
      <div className="grid grid-cols-1 gap-3 lg:grid-cols-2 2xl:grid-cols-3">
        {CHARTS.map((spec) => (
          <MetricChart key={spec.id} spec={spec} rows={chartRows(history, spec.lines)} />
        ))}
      </div>
    </section>
  );
}
