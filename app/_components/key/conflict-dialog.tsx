"use client";

import { useMemo } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { KvDto } from "@/lib/contract";
import { decodeBytes } from "@/lib/format/bytes";
import { editForm, editedBytes, type EditForm } from "@/lib/format/value-text";
import { DiffLines } from "./diff-lines";
import { valueDiff } from "../../../lib/format/value-diff";

/**
 * Wording of {@link ConflictDialog} for callers other than the editor. `keepEditing: null`
 * hides that button (nothing to go back to).
 */
export type ConflictLabels = {
  mine: string;
  intro: string;
  overwrite: string;
  discard: string;
  keepEditing: string | null;
};

/**
 * Shown when a save answered 409 `conflict`: the key changed (or vanished) since the edit's
 * base revision. A line diff shows what differs (`-` their lines, `+` the user's); values that
 * are not text show their sizes instead. Both full values follow. Nothing the user typed is
 * dropped unless they pick "Discard my changes".
 * @prop current        the key as it is now (`details.current`), null when it was deleted
 * @prop mine           the user's text, in the editor's form (`mode`: text or base64)
 * @prop mode           how `mine` encodes the bytes
 * @prop pending        a save is in flight (buttons disabled)
 * @prop onOverwrite    save the user's text over the current revision, or — when the key was
 *                      deleted — create it with the text (create-only, expectedModRevision "0")
 * @prop onKeepEditing  return to the editor, now based on the current revision
 * @prop onDiscard      drop the user's text and show the current value
 * @prop labels         wording for a caller that is not the editor (history's "Restore this
 *                      version"): what "mine" is, the intro sentence and the three buttons;
 *                      the editor's wording when absent
 */
export function ConflictDialog({
  current,
  mine,
  mode,
  pending,
  onOverwrite,
  onKeepEditing,
  onDiscard,
  labels,
}: {
  current: KvDto | null;
  mine: string;
  mode: EditForm["mode"];
  pending: boolean;
  onOverwrite: () => void;
  onKeepEditing: () => void;
  onDiscard: () => void;
  labels?: ConflictLabels;
}) {
  const theirs = current ? editForm(current.value, current.valueEncoding) : null;
  const diff = useMemo(() => {
    const before = current ? decodeBytes(current.value, current.valueEncoding) : null;
    const after = editedBytes(mine, mode);
    return before && after ? valueDiff(before, after) : null;
  }, [current, mine, mode]);
  const mineName = labels?.mine ?? "Your version";
  const pre =
    "h-40 overflow-auto rounded-md border border-slate-200 bg-slate-50 p-2 font-mono text-xs whitespace-pre-wrap break-all";
  return (
    <Dialog
      label={current ? "Conflict: the key changed" : "Conflict: the key was deleted"}
      onClose={onKeepEditing}
      wide
    >
      <p className="text-sm text-slate-700">
        {labels?.intro ??
          (current
            ? `Someone else changed this key while you were editing (now at modRevision ${current.modRevision}, version ${current.version}). Your text has not been saved.`
            : "Someone else deleted this key while you were editing. Your text has not been saved and is kept: create the key with it (only if nobody has re-created it meanwhile), keep editing, or discard it.")}
      </p>
      {diff ? (
        <section className="mt-3">
          <h3 className="mb-1 text-xs font-semibold text-slate-600">
            What differs (− theirs, + {labels ? mineName.toLowerCase() : "yours"})
          </h3>
          {diff.kind === "lines" ? (
            <DiffLines lines={diff.lines} label="Differences" />
          ) : (
            <p aria-label="Differences" className="text-sm text-slate-700">
              {diff.kind === "binary"
                ? `Binary, ${diff.beforeBytes} bytes (theirs) vs ${diff.afterBytes} bytes (yours).`
                : "Too large or too different to diff here; both full values are below."}
            </p>
          )}
        </section>
      ) : null}
      <div className="mt-3 grid grid-cols-2 gap-3">
        <section aria-label="Current value in etcd">
          <h3 className="mb-1 text-xs font-semibold text-slate-600">
            Current value in etcd{theirs?.mode === "base64" ? " (base64)" : ""}
          </h3>
          <pre className={pre}>{theirs ? theirs.text : "(deleted)"}</pre>
        </section>
        <section aria-label={mineName}>
          <h3 className="mb-1 text-xs font-semibold text-slate-600">
            {mineName}
            {mode === "base64" ? " (base64)" : ""}
          </h3>
          <pre className={pre}>{mine}</pre>
        </section>
      </div>
      <div className="mt-4 flex flex-wrap justify-end gap-2">
        <Button onClick={onDiscard} disabled={pending}>
          {labels?.discard ?? "Discard my changes"}
        </Button>
        {labels?.keepEditing === null ? null : (
          <Button onClick={onKeepEditing} disabled={pending}>
            {labels?.keepEditing ?? "Keep editing"}
          </Button>
        )}
        <Button variant={current ? "danger" : "primary"} onClick={onOverwrite} disabled={pending}>
          {pending
            ? "Saving…"
            : (labels?.overwrite ??
              (current ? "Overwrite with my version" : "Create with my draft"))}
        </Button>
      </div>
    </Dialog>
  );
}
