"use client";

import { useMemo, useState } from "react";
import { useReadOnly } from "@/components/read-only";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import { displayKey } from "@/lib/format/display-key";
import type { FolderRef } from "@/lib/format/key-path";
import { isRegistryKeyText } from "@/lib/kubernetes/registry";
import { isApiError } from "@/lib/query/api-error";
import type { ChangeKind, KeyChange } from "@/lib/query/time-travel/types";
import { useChangesQuery } from "@/lib/query/time-travel/use-changes-query";
import { useRestoreMutation } from "@/lib/query/time-travel/use-restore-mutation";
import { ChangeRow } from "./change-row";
import { ChangesRangeForm } from "./changes-range-form";
import { RestoreResults } from "./restore-results";
import type { Selection } from "../use-selection";

const KINDS: ChangeKind[] = ["created", "updated", "deleted"];

/** A change's identity among the rows. */
function rowId(c: KeyChange): string {
  return `${c.keyEncoding}:${c.key}`;
}

/** `details.compactRevision` of a 410, when the gateway sent it. */
function compactRevisionOf(err: unknown): string | null {
  const d = isApiError(err, "revision_compacted")
    ? (err.details as { compactRevision?: unknown } | undefined)
    : undefined;
  return typeof d?.compactRevision === "string" ? d.compactRevision : null;
}

/** Whether a deleted key may be offered for restore: not under /registry/ (refused there). */
function restorable(c: KeyChange): boolean {
  return !isRegistryKeyText(c.key, c.keyEncoding);
}

/**
 * "What changed" under a folder between two revisions (`GET /api/v1/changes`): one row per key
 * with its net change (created / updated / deleted), filters by change type, a diff per key,
 * and — for deleted keys — tick boxes and "Restore selected" (`POST /api/v1/restore`,
 * create-only: a key that exists now is never overwritten; restored keys get no lease; keys
 * under /registry/ are not offered, the gateway refuses them: 403 `registry_protected`). The
 * range lives in the URL (`?view=changes&prefix=P&from=A[&to=B]`).
 * @prop folder    the folder whose keys are compared (the root: the whole keyspace)
 * @prop from      the older revision
 * @prop to        the newer revision, null for now
 * @prop now       the current store revision as the watch stream last heard it (for labels)
 * @prop onSelect  change the selection (open a key, or another range)
 */
export function ChangesView({
  folder,
  from,
  to,
  now,
  onSelect,
}: {
  folder: FolderRef;
  from: string;
  to: string | null;
  now: string | null;
  onSelect: (s: Selection) => void;
}) {
  const readOnly = useReadOnly();
  const q = useChangesQuery({ folder, from, to });
  const restore = useRestoreMutation();
  const [shownKinds, setShownKinds] = useState<Set<ChangeKind>>(() => new Set(KINDS));
  const [picked, setPicked] = useState<Set<string>>(() => new Set());
  const changes = useMemo(() => q.data?.pages.flatMap((p) => p.changes) ?? [], [q.data]);
  const toRevision = q.data?.pages[0]?.to ?? to ?? now;
  const counts = useMemo(() => {
    const c: Record<ChangeKind, number> = { created: 0, updated: 0, deleted: 0 };
    for (const ch of changes) c[ch.change]++;
    return c;
  }, [changes]);
  const visible = changes.filter((c) => shownKinds.has(c.change));
  // The deleted keys a restore may write back: none under /registry/ (Kubernetes owns them).
  const deleted = changes.filter((c) => c.change === "deleted" && restorable(c));
  const pickedItems = deleted.filter((c) => picked.has(rowId(c)));
  const shown =
    folder.prefix === "" ? "the whole keyspace" : displayKey(folder.prefix, folder.prefixEncoding);
  const fromLabel = `revision ${from}`;
  const toLabel = toRevision ? `revision ${toRevision}` : "now";

  function apply(f: string, t: string | null) {
    restore.reset();
    setPicked(new Set());
    onSelect({ kind: "changes", folder, from: f, to: t });
  }

  function toggleKind(kind: ChangeKind) {
    setShownKinds((s) => {
      const next = new Set(s);
      if (next.has(kind)) next.delete(kind);
      else next.add(kind);
      return next;
    });
  }

  function togglePick(c: KeyChange) {
    setPicked((s) => {
      const next = new Set(s);
      if (next.has(rowId(c))) next.delete(rowId(c));
      else next.add(rowId(c));
      return next;
    });
  }

  function restorePicked() {
    // The value each key had at `from` (it existed then: it was deleted between from and to).
    restore.mutate({
      items: pickedItems.map((c) => ({ key: c.key, keyEncoding: c.keyEncoding, revision: from })),
    });
  }

  const compacted = q.isError && isApiError(q.error, "revision_compacted");
  const compactRevision = compacted ? compactRevisionOf(q.error) : null;

  return (
    <div className="flex flex-col gap-4 p-6">
      <div>
        <h1 className="text-lg">
          What changed under <span className="font-mono break-all">{shown}</span>
        </h1>
        <p className="text-sm text-slate-600">
          Each key&apos;s net change from {fromLabel} to {toLabel} (not every write in between).
        </p>
      </div>
      <ChangesRangeForm key={`${from}-${to}`} from={from} to={to} onApply={apply} />
      {q.isPending ? <p className="text-sm text-slate-500">Comparing…</p> : null}
      {compacted ? (
        <div
          role="alert"
          className="rounded-md border border-rose-200 bg-rose-50 p-3 text-sm text-rose-800"
        >
          Revision {from} was compacted: etcd no longer keeps the keyspace as it was then
          {compactRevision ? ` (history starts at compact revision ${compactRevision})` : ""}.
          {compactRevision ? (
            <Button size="sm" className="ml-2" onClick={() => apply(compactRevision, to)}>
              Compare from {compactRevision}
            </Button>
          ) : null}
        </div>
      ) : q.isError ? (
        <InlineError message={`Could not compare: ${q.error.message}`} />
      ) : null}
      {q.data ? (
        <>
          <fieldset className="flex flex-wrap items-center gap-3 text-xs">
            <legend className="sr-only">Show changes of type</legend>
            {KINDS.map((k) => (
              <label key={k} className="flex items-center gap-1">
                <input type="checkbox" checked={shownKinds.has(k)} onChange={() => toggleKind(k)} />
                {k} ({counts[k]}
                {q.hasNextPage ? "+" : ""})
              </label>
            ))}
          </fieldset>
          {!readOnly && deleted.length > 0 ? (
            <div className="flex flex-wrap items-center gap-3 rounded-md bg-slate-50 p-2 text-sm">
              <label className="flex items-center gap-1 text-xs">
                <input
                  type="checkbox"
                  checked={pickedItems.length === deleted.length}
                  onChange={(e) =>
                    setPicked(e.target.checked ? new Set(deleted.map(rowId)) : new Set())
                  }
                />
                Select all deleted keys ({deleted.length})
              </label>
              <Button
                variant="primary"
                size="sm"
                disabled={pickedItems.length === 0 || restore.isPending}
                onClick={restorePicked}
              >
                {restore.isPending
                  ? "Restoring…"
                  : `Restore ${pickedItems.length} selected ${pickedItems.length === 1 ? "key" : "keys"}`}
              </Button>
              <span className="text-xs text-slate-600">
                Puts back each key&apos;s value as of {fromLabel}, never over a key that exists now.
                Restored keys get no lease.
              </span>
            </div>
          ) : null}
          {restore.isError ? (
            <InlineError message={`Restore failed: ${restore.error.message}`} />
          ) : null}
          {restore.data ? <RestoreResults result={restore.data} /> : null}
          {changes.length === 0 ? (
            <p role="status" className="text-sm text-slate-600">
              Nothing changed under this folder between these revisions.
            </p>
          ) : (
            <ul aria-label="Changed keys" className="text-sm">
              {visible.map((c) => (
                <ChangeRow
                  key={rowId(c)}
                  change={c}
                  fromLabel={fromLabel}
                  toLabel={toLabel}
                  selectable={!readOnly && c.change === "deleted" && restorable(c)}
                  selected={picked.has(rowId(c))}
                  onSelectKey={() => togglePick(c)}
                  onOpen={() => onSelect({ kind: "key", ref: c })}
                />
              ))}
            </ul>
          )}
          {q.hasNextPage ? (
            <Button
              size="sm"
              className="self-start"
              disabled={q.isFetchingNextPage}
              onClick={() => void q.fetchNextPage()}
            >
              {q.isFetchingNextPage ? "Loading…" : "More changes"}
            </Button>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
