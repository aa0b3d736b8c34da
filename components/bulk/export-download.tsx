"use client";

import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import { downloadExport, type ExportParams } from "@/lib/query/bulk";

/**
 * A "Download export" button with a progress bar (`role="progressbar"`, keys received of
 * `X-Export-Count`) for `GET /api/v1/export` with `params`; the file is saved once complete.
 * @prop params  the export's query pairs (`prefix`/`key` repeated, `revision`)
 * @prop label   the button's text
 */
export function ExportDownload({
  params,
  label = "Download export",
}: {
  params: ExportParams;
  label?: string;
}) {
  const [progress, setProgress] = useState<{ keys: number; total: number } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  async function start() {
    abort.current = new AbortController();
    setError(null);
    setDone(null);
    setProgress({ keys: 0, total: 0 });
    try {
      const res = await downloadExport(
        params,
        (keys, total) => setProgress({ keys, total }),
        abort.current.signal,
      );
      setDone(`Saved ${res.keys.toLocaleString("en-US")} keys at revision ${res.revision}.`);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setProgress(null);
    }
  }

  const pct =
    progress && progress.total
      ? Math.min(100, Math.round((progress.keys / progress.total) * 100))
      : 0;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-center gap-2">
        <Button
          variant="primary"
          disabled={progress !== null || params.length === 0}
          onClick={() => void start()}
        >
          {label}
        </Button>
        {progress ? <Button onClick={() => abort.current?.abort()}>Cancel</Button> : null}
      </div>
      {progress ? (
        <div>
          <div
            role="progressbar"
            aria-label="Export progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct}
            className="h-2 w-full overflow-hidden rounded bg-slate-200"
          >
            <div className="h-full bg-sky-700 transition-[width]" style={{ width: `${pct}%` }} />
          </div>
          <p className="mt-1 text-xs text-slate-600">
            {progress.keys.toLocaleString("en-US")} of {progress.total.toLocaleString("en-US")} keys
          </p>
        </div>
      ) : null}
      {done ? (
        <p role="status" className="text-sm text-emerald-800">
          {done}
        </p>
      ) : null}
      <InlineError message={error} />
    </div>
  );
}
