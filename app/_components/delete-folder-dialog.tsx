"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";
import { displayKey } from "@/lib/format/display-key";
import type { FolderRef } from "@/lib/format/key-path";
import { useCountQuery } from "@/lib/query/use-count-query";
import { useDeletePrefixMutation } from "@/lib/query/use-delete-prefix-mutation";

/**
 * Delete every key under a folder. Shows how many keys will go (`GET /api/v1/range?prefix=P&
 * countOnly=1`) and requires typing the folder prefix before `DELETE /api/v1/kv?prefix=P`.
 * @prop folder     the folder (never the empty root prefix)
 * @prop onDeleted  called with the number of keys deleted (decimal string)
 */
export function DeleteFolderDialog({
  folder,
  onClose,
  onDeleted,
}: {
  folder: FolderRef;
  onClose: () => void;
  onDeleted: (deleted: string) => void;
}) {
  const count = useCountQuery(folder);
  const del = useDeletePrefixMutation();
  const [typed, setTyped] = useState("");
  const shown = displayKey(folder.prefix, folder.prefixEncoding);
  const matches = typed === shown && folder.prefix !== "";

  function confirm() {
    del.mutate(folder, { onSuccess: (res) => onDeleted(res.deleted) });
  }

  return (
    <Dialog label="Delete folder" onClose={onClose}>
      <p className="text-sm">
        This deletes <strong>every key</strong> whose name starts with:
      </p>
      <p className="mt-2 rounded bg-slate-100 px-2 py-1 font-mono text-sm break-all">{shown}</p>
      <p role="status" className="mt-3 text-sm font-medium text-rose-700">
        {count.isPending
          ? "Counting keys…"
          : count.isError
            ? `Could not count the keys: ${count.error.message}`
            : `${Number(count.data).toLocaleString("en-US")} ${count.data === "1" ? "key" : "keys"} will be deleted.`}
      </p>
      <label className="mt-4 block text-sm">
        Type the folder prefix <span className="font-mono">{shown}</span> to confirm
        <input
          type="text"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 font-mono text-sm focus:border-rose-500 focus:outline-none"
        />
      </label>
      <DialogFooter
        error={del.isError ? `Delete failed: ${del.error.message}` : null}
        onCancel={onClose}
      >
        <Button variant="danger" disabled={!matches || del.isPending} onClick={confirm}>
          {del.isPending ? "Deleting…" : "Delete folder"}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
