"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { useReadOnly } from "@/components/read-only";
import { Button } from "@/components/ui/button";
import type { KvDto } from "@/lib/contract";
import type { KeyRef } from "@/lib/format/key-path";
import { isRegistryKeyText } from "@/lib/kubernetes/registry";
import { historyKeys } from "@/lib/query/keys";
import { versionKv, type HistoryVersion } from "@/lib/query/time-travel/types";
import { useHistoryQuery } from "@/lib/query/time-travel/use-history-query";
import { RestoreVersionDialog } from "./restore-version-dialog";
import { VersionRow } from "./version-row";
import { VersionDiff } from "./version-diff";

/** A version's label in the diff headings. */
function label(v: HistoryVersion): string {
  return v.type === "delete" ? `delete at revision ${v.revision}` : `revision ${v.revision}`;
}

/**
 * The History tab of a key: every version etcd still keeps (`GET /api/v1/history`, newest first,
 * paged), across deletes and re-creates — revision, put/delete, version, size, lease. Ticking
 * two versions shows the diff between them (older → newer; a delete compares as "no value");
 * "Restore this version" on an older put writes it back (RestoreVersionDialog; not offered
 * under /registry/, whose writes the gateway refuses: 403 `registry_protected`). Where etcd's
 * history ends (its compact revision) is said at the bottom.
 * @prop keyRef   the key
 * @prop current  the key as it is now (its modRevision guards a restore), null when deleted
 */
export function KeyHistory({ keyRef, current }: { keyRef: KeyRef; current: KvDto | null }) {
  const readOnly = useReadOnly();
  // Kubernetes owns /registry/: the gateway refuses a restore there, so none is offered.
  const canRestore = !readOnly && !isRegistryKeyText(keyRef.key, keyRef.keyEncoding);
  const qc = useQueryClient();
  const q = useHistoryQuery(keyRef);
  const [picked, setPicked] = useState<string[]>([]);
  const [restoring, setRestoring] = useState<KvDto | null>(null);
  const [restored, setRestored] = useState<string | null>(null);
  const versions = useMemo(() => q.data?.pages.flatMap((p) => p.versions) ?? [], [q.data]);
  const compactRevision = q.data?.pages.at(-1)?.compactRevision ?? null;
  // A new write to the key (seen live or after a restore) is a new version: list it.
  const modRevision = current?.modRevision ?? null;
  const seen = useRef(modRevision);
  useEffect(() => {
    if (seen.current === modRevision) return;
    seen.current = modRevision;
    void qc.invalidateQueries({ queryKey: historyKeys.key(keyRef.key, keyRef.keyEncoding) });
  }, [qc, keyRef.key, keyRef.keyEncoding, modRevision]);

  const compared = useMemo(() => {
    if (picked.length !== 2) return null;
    const chosen = versions
      .filter((v) => picked.includes(v.revision))
      .sort((a, b) => (BigInt(a.revision) < BigInt(b.revision) ? -1 : 1));
    return chosen.length === 2 ? { older: chosen[0], newer: chosen[1] } : null;
  }, [picked, versions]);

  function toggle(revision: string) {
    setPicked((p) =>
      p.includes(revision) ? p.filter((r) => r !== revision) : [...p.slice(-1), revision],
    );
  }

  if (q.isPending) return <p className="text-sm text-slate-500">Loading history…</p>;
  if (q.isError) {
    return (
      <div role="alert" className="text-sm text-rose-700">
        Could not load the history: {q.error.message}{" "}
        <button type="button" className="underline" onClick={() => void q.refetch()}>
          Retry
        </button>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-3">
      {restored ? (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          Restored: the key is now at revision {restored}.
        </p>
      ) : null}
      <p className="text-xs text-slate-600">
        Tick two versions to compare them.{" "}
        {picked.length === 1 ? "One ticked; tick another." : null}
      </p>
      <div className="overflow-auto rounded-md border border-slate-200">
        <table aria-label="Versions" className="w-full text-left text-xs">
          <thead className="bg-slate-100 text-slate-700">
            <tr>
              <th className="px-2 py-1">Compare</th>
              <th className="px-2 py-1">Revision</th>
              <th className="px-2 py-1">Change</th>
              <th className="px-2 py-1">Version</th>
              <th className="px-2 py-1">Size</th>
              <th className="px-2 py-1">Lease</th>
              <th className="px-2 py-1">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <VersionRow
                key={`${v.type}:${v.revision}`}
                version={v}
                isCurrent={current !== null && versionKv(v)?.modRevision === current.modRevision}
                picked={picked.includes(v.revision)}
                onPick={() => toggle(v.revision)}
                onRestore={!canRestore || v.type !== "put" ? undefined : () => setRestoring(v.kv)}
              />
            ))}
          </tbody>
        </table>
      </div>
      {q.hasNextPage ? (
        <Button
          size="sm"
          className="self-start"
          disabled={q.isFetchingNextPage}
          onClick={() => void q.fetchNextPage()}
        >
          {q.isFetchingNextPage ? "Loading…" : "Older versions"}
        </Button>
      ) : (
        <p className="text-xs text-slate-600">
          {compactRevision && compactRevision !== "0"
            ? `History before revision ${compactRevision} was compacted: etcd keeps nothing older.`
            : "This is the whole history etcd keeps for this key."}
        </p>
      )}
      {compared ? (
        <VersionDiff
          key={`${compared.older.revision}-${compared.newer.revision}`}
          before={versionKv(compared.older)}
          after={versionKv(compared.newer)}
          beforeLabel={label(compared.older)}
          afterLabel={label(compared.newer)}
        />
      ) : null}
      {restoring ? (
        <RestoreVersionDialog
          version={restoring}
          current={current}
          onClose={() => setRestoring(null)}
          onRestored={(kv) => {
            setRestoring(null);
            setRestored(kv.modRevision);
            void qc.invalidateQueries({
              queryKey: historyKeys.key(keyRef.key, keyRef.keyEncoding),
            });
          }}
        />
      ) : null}
    </div>
  );
}
