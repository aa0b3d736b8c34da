"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";
import { displayKey } from "@/lib/format/display-key";
import type { FolderRef } from "@/lib/format/key-path";
import { DELETE_EVERYTHING_PHRASE, isRootPrefix } from "@/lib/format/root-prefix";
import { useCountQuery } from "@/lib/query/use-count-query";
import { useDeletePrefixMutation } from "@/lib/query/use-delete-prefix-mutation";
import { TopLevelSummary } from "./top-level-summary";
import { Input } from "@/components/ui/input";

/**
 * Delete every key under a folder. Shows how many keys will go (`GET /api/v1/range?prefix=P&
 * countOnly=1`) and requires typing the folder prefix before `DELETE /api/v1/kv?prefix=P` (one
 * etcd DeleteRange). The root — the empty prefix (`all=true`, the whole keyspace) or `/` — asks
 * for more: it lists the top-level folders that will go (TopLevelSummary) and unlocks only on
 * the phrase {@link DELETE_EVERYTHING_PHRASE}; typing "/" is not enough.
 * @prop folder     the folder to delete, the root included
 * @prop onClose    close without deleting (Cancel, ×, Escape)
 * Says that the keys can be restored from History (the "What changed" view) until the next
 * compaction: etcd keeps every deleted key's last value until then.
 * @prop onDeleted  called with the number of keys deleted (decimal string) and the revision of
 *                  the delete (decimal string)
 */
export function DeleteFolderDialog({
  folder,
  onClose,
  onDeleted,
}: {
  folder: FolderRef;
  onClose: () => void;
  onDeleted: (deleted: string, revision: string) => void;
}) {
  const count = useCountQuery(folder);
  const del = useDeletePrefixMutation();
  const [typed, setTyped] = useState("");
  const shown = displayKey(folder.prefix, folder.prefixEncoding);
  const root = isRootPrefix(folder);
  const expected = root ? DELETE_EVERYTHING_PHRASE : shown;
  const matches = typed === expected;

  function confirm() {
    del.mutate(folder, { onSuccess: (res) => onDeleted(res.deleted, res.header.revision) });
  }

  return (
    <Dialog label={root ? "Delete everything" : "Delete folder"} onClose={onClose}>
      {folder.prefix === "" ? (
        <p className="text-sm">
          This deletes <strong>every key in etcd</strong> (the empty prefix).
        </p>
      ) : (
        <>
          <p className="text-sm">
            This deletes <strong>every key</strong> whose name starts with:
          </p>
          <p className="mt-2 rounded bg-slate-100 px-2 py-1 font-mono text-sm break-all">{shown}</p>
          {root ? (
            <p className="mt-2 text-sm">In most keyspaces that is every key in etcd.</p>
          ) : null}
        </>
      )}
      <p role="status" className="mt-3 text-sm font-medium text-rose-700">
        {count.isPending
          ? "Counting keys…"
          : count.isError
            ? `Could not count the keys: ${count.error.message}`
            : `${BigInt(count.data).toLocaleString("en-US")} ${count.data === "1" ? "key" : "keys"} will be deleted.`}
      </p>
      {count.data !== undefined && count.data !== "0" ? (
        <p className="mt-1 text-sm text-slate-700">
          You can restore these from History (“What changed” on the folder) until the next
          compaction.
        </p>
      ) : null}
      {root ? <TopLevelSummary folder={folder} /> : null}
      <label className="mt-4 block text-sm">
        {root ? "Type the phrase " : "Type the folder prefix "}
        <span className="font-mono">{expected}</span> to confirm
        <Input
          type="text"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          className="mt-1 block w-full focus:border-rose-500"
        />
      </label>
      <DialogFooter
        error={del.isError ? `Delete failed: ${del.error.message}` : null}
        onCancel={onClose}
      >
        <Button variant="danger" disabled={!matches || del.isPending} onClick={confirm}>
          {del.isPending ? "Deleting…" : root ? "Delete everything" : "Delete folder"}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
