"use client";

import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { KvDto } from "@/lib/contract";
import { detectFormat, prettyJson } from "@/lib/format/detect-format";

/**
 * Shown when a save answered 409 `conflict`: the key changed (or vanished) since it was loaded.
 * The current value sits beside the user's text; nothing the user typed is dropped unless they
 * pick "Discard my changes".
 * @prop current        the key as it is now (`details.current`), null when it was deleted
 * @prop mine           the user's text
 * @prop onOverwrite    save the user's text over the current revision
 * @prop onKeepEditing  return to the editor, now based on the current revision
 * @prop onDiscard      drop the user's text and show the current value
 */
export function ConflictDialog({
  current,
  mine,
  pending,
  onOverwrite,
  onKeepEditing,
  onDiscard,
}: {
  current: KvDto | null;
  mine: string;
  pending: boolean;
  onOverwrite: () => void;
  onKeepEditing: () => void;
  onDiscard: () => void;
}) {
  const theirs = current
    ? detectFormat(current.key, current.value, current.valueEncoding) === "json"
      ? prettyJson(current.value)
      : current.value
    : null;
  const pre =
    "h-72 overflow-auto rounded-md border border-slate-200 bg-slate-50 p-2 font-mono text-xs whitespace-pre-wrap break-all";
  return (
    <Dialog label="Conflict: the key changed" onClose={onKeepEditing} wide>
      <p className="text-sm text-slate-700">
        {current
          ? `Someone else changed this key while you were editing (now at modRevision ${current.modRevision}, version ${current.version}). Your text has not been saved.`
          : "This key was deleted while you were editing. Your text has not been saved."}
      </p>
      <div className="mt-3 grid grid-cols-2 gap-3">
        <section aria-label="Current value in etcd">
          <h3 className="mb-1 text-xs font-semibold text-slate-600">Current value in etcd</h3>
          <pre className={pre}>{theirs ?? "(deleted)"}</pre>
        </section>
        <section aria-label="Your version">
          <h3 className="mb-1 text-xs font-semibold text-slate-600">Your version</h3>
          <pre className={pre}>{mine}</pre>
        </section>
      </div>
      <div className="mt-4 flex flex-wrap justify-end gap-2">
        <Button onClick={onDiscard} disabled={pending}>
          Discard my changes
        </Button>
        <Button onClick={onKeepEditing} disabled={pending}>
          Keep editing
        </Button>
        <Button variant="danger" onClick={onOverwrite} disabled={pending}>
          {pending
            ? "Saving…"
            : current
              ? "Overwrite with my version"
              : "Re-create with my version"}
        </Button>
      </div>
    </Dialog>
  );
}
