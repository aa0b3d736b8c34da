"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";
import { leaseIdSchema, type KvDto } from "@/lib/contract";
import { displayKey } from "@/lib/format/display-key";
import { conflictCurrent, isApiError } from "@/lib/query/api-error";
import { usePutKvMutation } from "@/lib/query/use-put-kv-mutation";
import { Input } from "@/components/ui/input";

/**
 * Attach an existing lease (hex ID) to a key, or detach its lease: `PUT /api/v1/kv` with the
 * key's current value, `lease: "hex" | null`, guarded by the modRevision shown (409 → told to
 * reload). 404 `lease_not_found` when the lease does not exist.
 * @prop kv       the key as displayed
 * @prop onClose  closes the dialog (also after a successful change)
 */
export function KeyLeaseDialog({ kv, onClose }: { kv: KvDto; onClose: () => void }) {
  const [lease, setLease] = useState(kv.lease ?? "");
  const [error, setError] = useState<string | null>(null);
  const put = usePutKvMutation();

  async function write(next: string | null) {
    try {
      await put.mutateAsync({
        key: kv.key,
        keyEncoding: kv.keyEncoding,
        value: kv.value,
        valueEncoding: kv.valueEncoding,
        lease: next,
        expectedModRevision: kv.modRevision,
      });
      onClose();
    } catch (err) {
      setError(
        isApiError(err, "lease_not_found")
          ? "No such lease (it may have expired or been revoked)."
          : conflictCurrent(err) !== undefined
            ? "The key changed since it was shown; close this dialog to see the new version."
            : `Saving failed: ${(err as Error).message}`,
      );
    }
  }

  function attach(e: FormEvent) {
    e.preventDefault();
    const id = lease.trim().toLowerCase().replace(/^0x/, "");
    if (!leaseIdSchema.safeParse(id).success) {
      setError("A lease ID is up to 16 hex digits, as etcdctl prints it.");
      return;
    }
    void write(id);
  }

  return (
    <Dialog label="Key lease" onClose={onClose}>
      <p className="text-sm">
        Lease of <span className="font-mono break-all">{displayKey(kv.key, kv.keyEncoding)}</span>:{" "}
        <span className="font-mono">{kv.lease ?? "none"}</span>
      </p>
      <form onSubmit={attach} className="mt-3 flex items-end gap-2 text-sm">
        <label className="flex-1">
          Lease ID (hex)
          <Input
            className="mt-1 block w-full"
            value={lease}
            onChange={(e) => setLease(e.target.value)}
            autoFocus
          />
        </label>
        <Button type="submit" variant="primary" disabled={put.isPending}>
          Attach lease
        </Button>
      </form>
      <DialogFooter error={error} onCancel={onClose}>
        {kv.lease ? (
          <Button variant="danger" disabled={put.isPending} onClick={() => void write(null)}>
            Detach lease
          </Button>
        ) : null}
      </DialogFooter>
    </Dialog>
  );
}
