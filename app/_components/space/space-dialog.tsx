"use client";

import { useEffect, useMemo, useState } from "react";
import { ScanProgress } from "@/components/scan-progress";
import { Dialog } from "@/components/ui/dialog";
import type { StatsChild, StatsDoneEvent } from "@/lib/contract";
import { displayKey } from "@/lib/format/display-key";
import { folderId, type FolderRef, type KeyRef } from "@/lib/format/key-path";
import { useScan } from "@/lib/live/use-scan";
import { useAsOfRevision } from "@/lib/query/time-travel/as-of";
import { rememberCount } from "./space-counts";
import { formatBytes, statsUrl, treemapCells } from "./space-model";
import { SpaceTreemap } from "./space-treemap";

/**
 * "Analyze space": what uses the bytes under a folder. Streams `GET /api/v1/stats?prefix=P`
 * (a progress bar while etcd is read at one revision), then shows the folder's keys and bytes,
 * a treemap of its children by bytes (click a folder to drill in; the path above goes back up)
 * and the 20 largest keys. Every folder counted is remembered for the tree's key counts. In the
 * explorer's past view (`?revision=R`) it counts the keyspace as of R (`revision=R`) and
 * remembers nothing (the tree's counts are live ones).
 * @prop folder     the folder to analyse first
 * @prop onOpenKey  a key was chosen (a key cell or a largest key): open it, closing the dialog
 * @prop onClose    Escape or the close button
 */
export function SpaceDialog({
  folder,
  onOpenKey,
  onClose,
}: {
  folder: FolderRef;
  onOpenKey: (ref: KeyRef) => void;
  onClose: () => void;
}) {
  const [path, setPath] = useState<FolderRef[]>([folder]);
  const current = path[path.length - 1];
  // In the explorer's past view (`?revision=R`) the folder is counted as of R.
  const revision = useAsOfRevision();
  const request = useMemo(
    () => ({ url: statsUrl(current, revision), run: path.length }),
    [current, path, revision],
  );
  const scan = useScan<never, StatsDoneEvent>(request);
  const done = scan.status === "done" ? scan.done : null;

  useEffect(() => {
    // Past counts stay out of the tree's (live) counts.
    if (!done || revision !== null) return;
    rememberCount(current, { keys: done.keys, bytes: done.bytes, revision: done.revision });
    for (const c of done.children) {
      if (!c.folder) continue;
      rememberCount(
        { prefix: c.key, prefixEncoding: c.keyEncoding },
        { keys: c.keys, bytes: c.bytes, revision: done.revision },
      );
    }
  }, [done, current, revision]);

  function onChild(child: StatsChild) {
    if (child.folder)
      setPath((p) => [...p, { prefix: child.key, prefixEncoding: child.keyEncoding }]);
    else onOpenKey({ key: child.key, keyEncoding: child.keyEncoding });
  }
  const cells = done ? treemapCells(done) : [];
  const name = (f: FolderRef) =>
    f.prefix === "" ? "(all keys)" : displayKey(f.prefix, f.prefixEncoding);

  return (
    <Dialog label="Analyze space" onClose={onClose} wide>
      <nav
        aria-label="Analysed folder"
        className="mb-3 flex flex-wrap items-center gap-1 font-mono text-sm"
      >
        {path.map((f, i) => (
          <span key={folderId(f)} className="flex items-center gap-1">
            {i > 0 ? <span aria-hidden>›</span> : null}
            {i === path.length - 1 ? (
              <span aria-current="page" className="font-semibold">
                {name(f)}
              </span>
            ) : (
              <button
                type="button"
                onClick={() => setPath((p) => p.slice(0, i + 1))}
                className="text-sky-700 hover:underline"
              >
                {name(f)}
              </button>
            )}
          </span>
        ))}
      </nav>
      {scan.status === "running" ? (
        <ScanProgress label="Counting progress" progress={scan.progress} running />
      ) : null}
      {scan.status === "error" ? (
        <p role="alert" className="text-sm text-rose-700">
          Could not analyse this folder: {scan.error?.message}
        </p>
      ) : null}
      {done ? (
        <div className="flex flex-col gap-4">
          <p role="status" className="text-sm text-slate-700">
            {Number(done.keys).toLocaleString("en-US")} keys · {formatBytes(done.bytes)} of keys and
            values · at revision {done.revision}
          </p>
          {cells.length > 0 ? <SpaceTreemap cells={cells} onChild={onChild} /> : null}
          <div className="grid gap-4 md:grid-cols-2">
            <SizeList
              label="Children by size"
              rows={cells.slice(0, 20).map((c) => ({
                id: `${c.child.keyEncoding}:${c.child.key}`,
                text: c.name,
                detail: `${formatBytes(c.size)} · ${Number(c.keys).toLocaleString("en-US")} keys`,
                action: c.child.folder ? `Analyze ${c.name}` : `Open ${c.name}`,
                onClick: () => onChild(c.child),
              }))}
            />
            <SizeList
              label="Largest keys"
              rows={done.largest.map((k) => ({
                id: `${k.keyEncoding}:${k.key}`,
                text: displayKey(k.key, k.keyEncoding),
                detail: formatBytes(k.bytes),
                action: `Open ${displayKey(k.key, k.keyEncoding)}`,
                onClick: () => onOpenKey({ key: k.key, keyEncoding: k.keyEncoding }),
              }))}
            />
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}

/** A titled list of buttons with a size beside each. */
function SizeList({
  label,
  rows,
}: {
  label: string;
  rows: { id: string; text: string; detail: string; action: string; onClick: () => void }[];
}) {
  return (
    <section aria-label={label}>
      <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">{label}</h3>
      <ul className="flex flex-col text-sm">
        {rows.map((r) => (
          <li key={r.id}>
            <button
              type="button"
              aria-label={r.action}
              onClick={r.onClick}
              className="flex w-full items-baseline gap-2 rounded px-1 py-0.5 text-left hover:bg-sky-50"
            >
              <span className="min-w-0 flex-1 truncate font-mono text-[13px]">{r.text}</span>
              <span className="shrink-0 text-xs text-slate-600 tabular-nums">{r.detail}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
