import type { ReactNode } from "react";
import { Button } from "./button";
import { InlineError } from "./inline-error";

/**
 * The bottom of a confirm dialog: the last error (if any) above a right-aligned Cancel button
 * followed by the dialog's own action buttons.
 * @prop error     message shown as an inline alert; null/undefined shows nothing
 * @prop onCancel  the Cancel button's action (close the dialog)
 * @prop children  the action buttons after Cancel (e.g. a danger "Delete key")
 */
export function DialogFooter({
  error,
  onCancel,
  children,
}: {
  error?: string | null;
  onCancel: () => void;
  children?: ReactNode;
}) {
  return (
    <>
      <div className="mt-3">
        <InlineError message={error} />
      </div>
      <div className="mt-4 flex justify-end gap-2">
        <Button onClick={onCancel}>Cancel</Button>
        {children}
      </div>
    </>
  );
}
