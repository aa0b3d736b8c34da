"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";
import type { LockDto } from "@/lib/contract";
import { displayKey } from "@/lib/format/display-key";
import { isApiError } from "@/lib/query/api-error";
import { lockKeys } from "@/lib/query/keys";
import { useRevokeLeaseMutation } from "@/lib/query/use-revoke-lease-mutation";

/**
 * Confirm and break a lock: revoke the holder's lease (`DELETE /api/v1/leases/{id}`, etcd
 * LeaseRevoke), which deletes its key so the first waiter takes over. A lease already gone (404)
 * counts as done.
 * @prop lock     the lock as listed
 * @prop onClose  closes the dialog (also called once the lease is revoked)
 */
export function BreakLockDialog({ lock, onClose }: { lock: LockDto; onClose: () => void }) {
  const revoke = useRevokeLeaseMutation();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const h = lock.holder;
  const next = lock.waiters[0];

  async function confirm() {
    try {
      await revoke.mutateAsync(h.lease);
    } catch (err) {
      if (!isApiError(err, "lease_not_found"))
        return setError(`Break failed: ${(err as Error).message}`);
    }
    await qc.invalidateQueries({ queryKey: lockKeys.all });
    onClose();
  }

  return (
    <Dialog label="Break lock" onClose={onClose}>
      <p className="text-sm">
        Revoke lease <span className="font-mono">{h.lease}</span> of the holder{" "}
        <span className="font-mono break-all">{displayKey(h.key, h.keyEncoding)}</span>? etcd
        deletes its key and every other key on that lease.{" "}
        {next
          ? `The first waiter (${displayKey(next.key, next.keyEncoding)}) takes over.`
          : "Nobody is waiting."}
      </p>
      <p className="mt-2 text-sm text-amber-800">
        The holder&apos;s process is not told: it may go on working as if it still held the lock
        until it notices its session is gone.
      </p>
      <DialogFooter error={error} onCancel={onClose}>
        <Button variant="danger" disabled={revoke.isPending} onClick={() => void confirm()}>
          {revoke.isPending ? "Breaking…" : "Revoke the holder's lease"}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
