"use client";

import { useState } from "react";
import { useReadOnly } from "@/components/read-only";
import { Button } from "@/components/ui/button";
import { displayKey } from "@/lib/format/display-key";
import type { FolderRef } from "@/lib/format/key-path";
import { useWatchContext } from "@/lib/live/watch-context";
import { useAsOfRevision } from "@/lib/query/time-travel/as-of";
import { useCountQuery } from "@/lib/query/use-count-query";
import { DeleteFolderDialog } from "./delete-folder-dialog";
import { SpaceDialog } from "../space/space-dialog";
import type { Selection } from "../use-selection";

/** How many revisions back "What changed…" looks by default. */
export const WHAT_CHANGED_SPAN = 1000n;

/**
 * The right pane for a selected folder (a prefix with no key of its own): how many keys it
 * holds, "New key here" and "Delete folder" (for the root `?prefix=` or `/`, a stricter dialog:
 * see DeleteFolderDialog), "Analyze space" (SpaceDialog: a treemap of what uses the bytes) and
 * "What changed…" (the changes under it since a revision: the past view's revision, else the
 * last {@link WHAT_CHANGED_SPAN} revisions). After a delete it opens "What changed" over exactly
 * that delete, where the keys can be restored.
 * @prop onCreate  open the create dialog prefilled with this prefix
 */
export function FolderPane({
  folder,
  onSelect,
  onCreate,
}: {
  folder: FolderRef;
  onSelect: (s: Selection) => void;
  onCreate: (key: string) => void;
}) {
  const readOnly = useReadOnly();
  const count = useCountQuery(folder);
  const [deleting, setDeleting] = useState(false);
  const [deleted, setDeleted] = useState<string | null>(null);
  const [analyzing, setAnalyzing] = useState(false);
  const shown = displayKey(folder.prefix, folder.prefixEncoding);
  const asOf = useAsOfRevision();
  const latest = useWatchContext()?.state.latestRevision ?? null;

  function whatChanged() {
    const back = latest ? BigInt(latest) - WHAT_CHANGED_SPAN : 0n;
    const from = asOf ?? (back > 1n ? back : 1n).toString();
    onSelect({ kind: "changes", folder, from, to: null });
  }

  return (
    <div className="flex flex-col gap-4 p-6">
      <div className="flex flex-wrap items-start gap-3">
        <h1 className="min-w-0 flex-1 font-mono text-lg break-all">
          {folder.prefix === "" ? "All keys (the empty prefix)" : shown}
        </h1>
        <Button onClick={() => setAnalyzing(true)}>Analyze space</Button>
        <Button onClick={whatChanged}>What changed…</Button>
        {readOnly ? null : (
          <div className="flex gap-2">
            <Button
              variant="primary"
              onClick={() => onCreate(folder.prefixEncoding === "utf8" ? folder.prefix : "")}
            >
              New key here
            </Button>
            <Button variant="danger" onClick={() => setDeleting(true)}>
              Delete folder
            </Button>
          </div>
        )}
      </div>
      <p className="text-sm text-slate-600">
        Folder ·{" "}
        {count.isPending
          ? "counting keys…"
          : count.isError
            ? `could not count keys (${count.error.message})`
            : `${Number(count.data).toLocaleString("en-US")} keys below this prefix`}
      </p>
      {deleted !== null ? (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          Deleted {deleted} keys.
        </p>
      ) : null}
      {analyzing ? (
        <SpaceDialog
          folder={folder}
          onClose={() => setAnalyzing(false)}
          onOpenKey={(ref) => {
            setAnalyzing(false);
            onSelect({ kind: "key", ref });
          }}
        />
      ) : null}
      {deleting && !readOnly ? (
        <DeleteFolderDialog
          folder={folder}
          onClose={() => setDeleting(false)}
          onDeleted={(n, revision) => {
            setDeleting(false);
            setDeleted(n);
            // Show what just went, ready to restore; nothing went: the pane empties as before.
            if (n === "0") onSelect({ kind: "none" });
            else {
              const from = (BigInt(revision) - 1n).toString();
              onSelect({ kind: "changes", folder, from, to: revision });
            }
          }}
        />
      ) : null}
    </div>
  );
}
