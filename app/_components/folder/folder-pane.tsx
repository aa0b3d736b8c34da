"use client";

import { useState } from "react";
import { useReadOnly } from "@/components/read-only";
import { Button } from "@/components/ui/button";
import { displayKey } from "@/lib/format/display-key";
import type { FolderRef } from "@/lib/format/key-path";
import { useCountQuery } from "@/lib/query/use-count-query";
import { DeleteFolderDialog } from "./delete-folder-dialog";
import { SpaceDialog } from "../space/space-dialog";
import type { Selection } from "../use-selection";

/**
 * The right pane for a selected folder (a prefix with no key of its own): how many keys it
 * holds, "New key here" and "Delete folder" (for the root `?prefix=` or `/`, a stricter dialog:
 * see DeleteFolderDialog), and "Analyze space" (SpaceDialog: a treemap of what uses the bytes).
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

  return (
    <div className="flex flex-col gap-4 p-6">
      <div className="flex flex-wrap items-start gap-3">
        <h1 className="min-w-0 flex-1 font-mono text-lg break-all">
          {folder.prefix === "" ? "All keys (the empty prefix)" : shown}
        </h1>
        <Button onClick={() => setAnalyzing(true)}>Analyze space</Button>
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
          onDeleted={(n) => {
            setDeleting(false);
            setDeleted(n);
            onSelect({ kind: "none" });
          }}
        />
      ) : null}
    </div>
  );
}
