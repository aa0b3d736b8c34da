"use client";

import type { ScanProgressEvent } from "@/lib/contract";

/** `412000` → `412,000` (decimal-string counts stay exact). */
function count(n: string): string {
  try {
    return BigInt(n).toLocaleString("en-US");
  } catch {
    return n;
  }
}

/**
 * A scan's progress bar (`role="progressbar"`): "Scanned 412,000 of 1,000,000 keys", from the
 * stream's `progress` messages (search and stats alike).
 * @prop label     accessible name of the bar, e.g. "Search progress"
 * @prop progress  the last `progress` message; null before the first (the bar then waits)
 * @prop running   the scan is still going (a finished one shows its last figures, full)
 */
export function ScanProgress({
  label,
  progress,
  running,
}: {
  label: string;
  progress: ScanProgressEvent | null;
  running: boolean;
}) {
  const scanned = progress ? Number(progress.scanned) : 0;
  const total = progress ? Number(progress.total) : 0;
  const pct = total > 0 ? Math.min(100, (scanned / total) * 100) : running ? 0 : 100;
  const text = progress
    ? `Scanned ${count(progress.scanned)} of ${count(progress.total)} keys`
    : "Counting keys…";
  return (
    <div className="flex flex-col gap-1">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total || 100}
        aria-valuenow={total ? Math.min(scanned, total) : pct}
        aria-valuetext={text}
        className="h-1.5 w-full overflow-hidden rounded bg-slate-200"
      >
        <div
          className={`h-full bg-sky-600 transition-[width] duration-200 ${running ? "" : "opacity-60"}`}
          style={{ width: `${pct}%` }}
        />
      </div>
      <p className="text-xs text-slate-600 tabular-nums">
        {text}
        {progress ? ` · revision ${progress.revision}` : ""}
      </p>
    </div>
  );
}
