"use client";

import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";
import { useAccessMutation, type AccessChange } from "@/lib/query/use-access-mutation";

/**
 * Confirm one access change (delete a user or role, switch auth on or off) and run it; closes
 * on success, shows the gateway's refusal (e.g. the lock-out check) inline otherwise.
 * @prop label    dialog title and the action button's text
 * @prop change   the request to send on confirm
 * @prop onClose  closes the dialog
 * @prop children what the change will do, in words
 */
export function ConfirmDialog({
  label,
  change,
  onClose,
  children,
}: {
  label: string;
  change: AccessChange;
  onClose: () => void;
  children: ReactNode;
}) {
  const mutation = useAccessMutation();
  const [error, setError] = useState<string | null>(null);
  async function confirm() {
    try {
      await mutation.mutateAsync(change);
      onClose();
    } catch (err) {
      setError((err as Error).message);
    }
  }
  return (
    <Dialog label={label} onClose={onClose}>
      <div className="text-sm">{children}</div>
      <DialogFooter error={error} onCancel={onClose}>
        <Button variant="danger" disabled={mutation.isPending} onClick={() => void confirm()}>
          {mutation.isPending ? "Working…" : label}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
