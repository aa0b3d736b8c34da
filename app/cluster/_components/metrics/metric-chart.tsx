"use client";

import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { ChartSpec } from "./metric-charts";

const COLORS = ["#0369a1", "#b45309", "#15803d", "#7e22ce", "#be123c", "#0f766e", "#4d7c0f"];

const clock = (t: number) => new Date(t).toLocaleTimeString([], { hour12: false });
const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3));

/**
 * One dashboard chart: title, unit, what is healthy, and a line per series over the window
 * (x: time of the sample; points drawn as dots so a new sample is visible at once).
 * @prop spec  the chart (title, unit, healthy text, optional threshold line)
 * @prop rows  `{t, <series>: value}` rows from chartRows(); series are the keys besides `t`
 */
export function MetricChart({
  spec,
  rows,
}: {
  spec: ChartSpec;
  rows: Record<string, number | null>[];
}) {
  const series = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) => k !== "t");
  const last = rows[rows.length - 1];
  return (
    <figure
      aria-label={spec.title}
      data-points={rows.length}
      className="rounded-md border border-slate-200 p-3"
    >
      <figcaption className="mb-1">
        <span className="text-sm font-semibold">{spec.title}</span>{" "}
        <span className="text-xs text-slate-500">({spec.unit})</span>
        <p className="text-xs text-slate-600">Healthy: {spec.healthy}</p>
        {last ? (
          <p className="text-xs text-slate-500" aria-label={`${spec.title} now`}>
            {series
              .filter((s) => last[s] != null)
              .map((s) => `${s}: ${fmt(last[s]!)}`)
              .join(" · ") || "no observations in the last interval"}
          </p>
        ) : (
          <p className="text-xs text-slate-500">Waiting for two samples…</p>
        )}
      </figcaption>
      <ResponsiveContainer width="100%" height={160}>
        <LineChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis
            dataKey="t"
            type="number"
            domain={["dataMin", "dataMax"]}
            tickFormatter={clock}
            fontSize={10}
          />
          <YAxis fontSize={10} width={44} tickFormatter={fmt} />
          <Tooltip labelFormatter={(t) => clock(Number(t))} />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          {spec.threshold !== undefined ? (
            <ReferenceLine y={spec.threshold} stroke="#e11d48" strokeDasharray="4 4" />
          ) : null}
          {series.map((s, i) => (
            <Line
              key={s}
              dataKey={s}
              stroke={COLORS[i % COLORS.length]}
              dot={{ r: 2 }}
              isAnimationActive={false}
              connectNulls={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
