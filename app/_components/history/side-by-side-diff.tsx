import { useMemo } from "react";
import { sideBySide, type SideCell } from "@/lib/format/time-travel/side-by-side";
import type { DiffLine } from "@/lib/format/value-diff";

/** One cell: line number and text, tinted when the line changed on its side. */
function Cell({ cell, tone }: { cell: SideCell | null; tone: "old" | "new" }) {
  if (!cell) return <td className="bg-slate-50" colSpan={2} />;
  const bg = cell.changed
    ? tone === "old"
      ? "bg-rose-50 text-rose-900"
      : "bg-emerald-50 text-emerald-900"
    : "text-slate-700";
  return (
    <>
      <td className="w-8 pr-1 text-right align-top text-slate-500 select-none">{cell.n}</td>
      <td className={`px-1.5 align-top whitespace-pre-wrap break-all ${bg}`}>{cell.text}</td>
    </>
  );
}

/**
 * A line diff in two columns (before | after), changed lines paired row by row (sideBySide).
 * Text nodes only, never HTML.
 * @prop lines       from lineDiff
 * @prop leftLabel   heading of the older side
 * @prop rightLabel  heading of the newer side
 */
export function SideBySideDiff({
  lines,
  leftLabel,
  rightLabel,
}: {
  lines: DiffLine[];
  leftLabel: string;
  rightLabel: string;
}) {
  const rows = useMemo(() => sideBySide(lines), [lines]);
  return (
    <div className="max-h-80 overflow-auto rounded-md border border-slate-200 bg-white">
      <table aria-label="Differences side by side" className="w-full table-fixed font-mono text-xs">
        <colgroup>
          <col className="w-10" />
          <col />
          <col className="w-10" />
          <col />
        </colgroup>
        <thead className="sticky top-0 bg-slate-100 text-left font-sans text-slate-700">
          <tr>
            <th colSpan={2} className="px-1.5 py-0.5">
              {leftLabel}
            </th>
            <th colSpan={2} className="border-l border-slate-200 px-1.5 py-0.5">
              {rightLabel}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              <Cell cell={row.left} tone="old" />
              <Cell cell={row.right} tone="new" />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
