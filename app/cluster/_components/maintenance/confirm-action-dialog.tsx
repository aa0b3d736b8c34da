"use client";

import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";

/**
 * A confirm dialog for one maintenance call: says what it will do, runs `run` on confirm, shows
 * its outcome (`describe`) or error, and stays open to show it.
 * @prop label     dialog title
 * @prop action    the confirm button's text
 * @prop run       the call (a mutation's mutateAsync); its result goes to `describe`
 * @prop describe  the success message for the result
 * @prop onClose   closes the dialog
 * @prop children  what the action will do
 */
export function ConfirmActionDialog<R>({
  label,
  action,
  run,
  describe,
  onClose,
  children,
}: {
  label: string;
  action: string;
  run: () => Promise<R>;
  describe: (r: R) => string;
  onClose: () => void;
  children: ReactNode;
}) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function confirm() {
    setPending(true);
    try {
      setDone(describe(await run()));
    } catch (err) {
      setError(`${label} failed: ${(err as Error).message}`);
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog label={label} onClose={onClose}>
      <div className="text-sm">{children}</div>
      {done ? (
        <p role="status" className="mt-2 text-sm text-emerald-700">
          {done}
        </p>
      ) : null}
      <DialogFooter error={error} onCancel={onClose}>
        {done ? null : (
          <Button variant="danger" disabled={pending} onClick={() => void confirm()}>
            {pending ? "Working…" : action}
          </Button>
        )}
      </DialogFooter>
    </Dialog>
  );
}
