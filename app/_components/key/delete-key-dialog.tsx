"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";
import type { KvDto } from "@/lib/contract";
import { displayKey } from "@/lib/format/display-key";
import { conflictCurrent, isApiError } from "@/lib/query/api-error";
import { useDeleteKvMutation } from "@/lib/query/use-delete-kv-mutation";

/**
 * Confirm and delete one key: `DELETE /api/v1/kv?key=K&expectedModRevision=N`, N being the
 * modRevision shown. If the key changed meanwhile (409) the user is told and may delete the
 * newer revision explicitly.
 * @prop kv         the key as displayed
 * @prop onDeleted  called once the key is gone
 */
export function DeleteKeyDialog({
  kv,
  onClose,
  onDeleted,
}: {
  kv: KvDto;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const del = useDeleteKvMutation();
  const [expected, setExpected] = useState(kv.modRevision);
  const [error, setError] = useState<string | null>(null);

  // mutateAsync, not mutate's callbacks: the refetch after a delete can unmount the pane that
  // owns this dialog before per-call callbacks would run.
  async function confirm() {
    try {
      await del.mutateAsync({
        key: kv.key,
        keyEncoding: kv.keyEncoding,
        expectedModRevision: expected,
      });
      onDeleted();
    } catch (err) {
      const current = conflictCurrent(err);
      if (isApiError(err, "key_not_found") || current === null) return onDeleted();
      if (current) {
        setExpected(current.modRevision);
        setError(
          `The key changed since you opened it (now modRevision ${current.modRevision}). Delete it anyway?`,
        );
      } else setError(`Delete failed: ${(err as Error).message}`);
    }
  }

  return (
    <Dialog label="Delete key" onClose={onClose}>
      <p className="text-sm">Delete this key? This cannot be undone.</p>
      <p className="mt-2 rounded bg-slate-100 px-2 py-1 font-mono text-sm break-all">
        {displayKey(kv.key, kv.keyEncoding)}
      </p>
      {kv.lease ? (
        <p className="mt-2 text-xs text-slate-500">Its lease {kv.lease} is left alone.</p>
      ) : null}
      <DialogFooter error={error} onCancel={onClose}>
        <Button variant="danger" disabled={del.isPending} onClick={() => void confirm()}>
          {del.isPending ? "Deleting…" : error ? "Delete anyway" : "Delete key"}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
