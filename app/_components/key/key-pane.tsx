"use client";

import { useReadOnly } from "@/components/read-only";
import { Button } from "@/components/ui/button";
import { displayKey } from "@/lib/format/display-key";
import type { KeyRef } from "@/lib/format/key-path";
import { isApiError } from "@/lib/query/api-error";
import { useAsOfRevision } from "@/lib/query/time-travel/as-of";
import { useKvQuery } from "@/lib/query/use-kv-query";
import { KeyHistory } from "../history/key-history";
import { draftId, getDraft, useHasDraft } from "../../../lib/drafts";
import { KeyDetails } from "./key-details";
import type { Selection } from "../use-selection";

/**
 * The right pane for a selected key: loads it with `GET /api/v1/kv` (etcd Range) and shows
 * loading, "key not found" (404), other errors, or the key's details. A key with an unsaved
 * draft keeps its editor whatever the read says — even 404 after someone deleted it (the editor
 * then offers to create it with the draft) — so a draft is never hidden by the pane. A key that
 * does not exist shows its History (a deleted key's versions, to restore one); in a past view
 * "not found" means it did not exist at that revision.
 * @prop keyRef    the selected key
 * @prop onSelect  change the selection (after a delete)
 * @prop onCreate  open the create dialog with this key prefilled
 */
export function KeyPane({
  keyRef,
  onSelect,
  onCreate,
}: {
  keyRef: KeyRef;
  onSelect: (s: Selection) => void;
  onCreate: (key: string) => void;
}) {
  const readOnly = useReadOnly();
  const asOf = useAsOfRevision();
  const q = useKvQuery(keyRef);
  const shown = displayKey(keyRef.key, keyRef.keyEncoding);
  const id = draftId(keyRef);
  const hasDraft = useHasDraft(id);
  // The key as last read (cached data survives a failed refetch), else as the draft knew it.
  const draftKv = hasDraft ? (q.data?.kv ?? getDraft(id)?.kv) : undefined;

  // Same element type and position as the last return, so the editor's state survives the
  // switch between "read" and "gone".
  if (draftKv) {
    return (
      <KeyDetails
        kv={draftKv}
        gone={q.isError && isApiError(q.error, "key_not_found")}
        onSelect={onSelect}
      />
    );
  }

  if (q.isPending) {
    return (
      <div className="space-y-3 p-6" aria-busy="true">
        <div className="h-6 w-1/2 animate-pulse rounded bg-slate-200" />
        <div className="h-40 animate-pulse rounded bg-slate-100" />
      </div>
    );
  }
  if (q.isError && isApiError(q.error, "key_not_found")) {
    return (
      <div className="p-6">
        <h1 className="font-mono text-lg break-all">{shown}</h1>
        <div role="status" className="mt-4 rounded-md border border-slate-200 bg-white p-4 text-sm">
          <p className="font-medium text-slate-800">Key not found</p>
          <p className="mt-1 text-slate-600">
            {asOf
              ? `No key with this exact name existed at revision ${asOf}.`
              : "No key with this exact name exists in etcd."}
          </p>
          {keyRef.keyEncoding === "utf8" && !readOnly ? (
            <Button className="mt-3" onClick={() => onCreate(keyRef.key)}>
              Create this key
            </Button>
          ) : null}
        </div>
        {asOf ? null : (
          <section aria-label="History" className="mt-4">
            <h2 className="mb-2 text-sm font-semibold text-slate-700">History</h2>
            <KeyHistory keyRef={keyRef} current={null} />
          </section>
        )}
      </div>
    );
  }
  if (q.isError) {
    return (
      <div className="p-6">
        <h1 className="font-mono text-lg break-all">{shown}</h1>
        <div className="mt-4 rounded-md border border-rose-200 bg-rose-50 p-4 text-sm text-rose-800">
          <p>Could not load this key: {q.error.message}</p>
          <Button className="mt-3" onClick={() => void q.refetch()}>
            Retry
          </Button>
        </div>
      </div>
    );
  }
  return <KeyDetails kv={q.data.kv} decoded={q.data.decoded} onSelect={onSelect} />;
}
