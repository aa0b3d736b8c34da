"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";
import { displayKey } from "@/lib/format/display-key";
import { isApiError } from "@/lib/query/api-error";
import type { LiveLease } from "@/lib/query/use-lease-query";
import { useRevokeLeaseMutation } from "@/lib/query/use-revoke-lease-mutation";

/**
 * Confirm and revoke a lease (`DELETE /api/v1/leases/{id}`), listing the keys etcd will delete
 * with it. A lease that already expired (404) counts as done.
 * @prop lease    the lease as listed (its keys as of the last read)
 * @prop onClose  closes the dialog (also called once the lease is revoked)
 */
export function RevokeLeaseDialog({ lease, onClose }: { lease: LiveLease; onClose: () => void }) {
  const revoke = useRevokeLeaseMutation();
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    try {
      await revoke.mutateAsync(lease.id);
      onClose();
    } catch (err) {
      if (isApiError(err, "lease_not_found")) return onClose();
      setError(`Revoke failed: ${(err as Error).message}`);
    }
  }

  return (
    <Dialog label="Revoke lease" onClose={onClose}>
      <p className="text-sm">
        Revoke lease <span className="font-mono">{lease.id}</span>?{" "}
        {lease.keys.length
          ? `etcd deletes ${lease.keys.length === 1 ? "this key" : `these ${lease.keys.length} keys`} with it:`
          : "No keys are attached to it."}
      </p>
      {lease.keys.length ? (
        <ul
          aria-label="Keys that will be deleted"
          className="mt-2 max-h-60 overflow-auto rounded bg-slate-100 px-2 py-1 font-mono text-sm"
        >
          {lease.keys.map((k) => (
            <li key={`${k.keyEncoding}:${k.key}`} className="break-all">
              {displayKey(k.key, k.keyEncoding)}
            </li>
          ))}
        </ul>
      ) : null}
      <DialogFooter error={error} onCancel={onClose}>
        <Button variant="danger" disabled={revoke.isPending} onClick={() => void confirm()}>
          {revoke.isPending ? "Revoking…" : "Revoke lease"}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
