"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";
import type { KvDto } from "@/lib/contract";
import { displayKey } from "@/lib/format/display-key";
import { editForm } from "@/lib/format/value-text";
import { conflictCurrent } from "@/lib/query/api-error";
import { usePutKvMutation } from "@/lib/query/use-put-kv-mutation";
import { ConflictDialog } from "../key/conflict-dialog";
import { VersionDiff } from "./version-diff";

/**
 * "Restore this version": write an old version's value back, byte for byte (the value and its
 * encoding exactly as `GET /api/v1/history` sent them, never decoded and re-encoded), with
 * `PUT /api/v1/kv` guarded by the current mod_revision (etcd Txn: compare mod_revision, Put) —
 * or create-only (`expectedModRevision: "0"`) when the key is deleted now. The key keeps its
 * current lease (no `lease` sent) unless the user picks "no lease". Shows the diff from the
 * current value to the version first. A 409 (someone wrote meanwhile) opens the editor's
 * conflict dialog: overwrite their write, or cancel.
 * @prop version     the version to restore (a put's kv as of its revision)
 * @prop current     the key as it is now, null when it does not exist; taken once, when the
 *                   dialog opens: the write is guarded by what the user saw, so a change that
 *                   arrives meanwhile leads to the conflict dialog, never to a silent overwrite
 * @prop onClose     close without writing (or after a conflict the user gave up on)
 * @prop onRestored  the write succeeded; called with the key as written
 */
export function RestoreVersionDialog({
  version,
  current: currentNow,
  onClose,
  onRestored,
}: {
  version: KvDto;
  current: KvDto | null;
  onClose: () => void;
  onRestored: (kv: KvDto) => void;
}) {
  const [current] = useState(currentNow);
  const put = usePutKvMutation();
  const [dropLease, setDropLease] = useState(false);
  const [conflict, setConflict] = useState<{ current: KvDto | null } | null>(null);
  const form = editForm(version.value, version.valueEncoding);

  function write(expectedModRevision: string) {
    put.mutate(
      {
        key: version.key,
        keyEncoding: version.keyEncoding,
        value: version.value,
        valueEncoding: version.valueEncoding,
        expectedModRevision,
        // Absent keeps the current lease; null detaches. A deleted key has none to keep.
        lease: dropLease ? null : undefined,
      },
      {
        onSuccess: (res) => onRestored(res.kv),
        onError: (err) => {
          const now = conflictCurrent(err);
          if (now !== undefined) setConflict({ current: now });
        },
      },
    );
  }

  if (conflict) {
    return (
      <ConflictDialog
        current={conflict.current}
        mine={form.text}
        mode={form.mode}
        pending={put.isPending}
        onOverwrite={() => write(conflict.current?.modRevision ?? "0")}
        onKeepEditing={onClose}
        onDiscard={onClose}
        labels={{
          mine: `Version at revision ${version.modRevision}`,
          intro: conflict.current
            ? `Someone else changed this key before the restore was written (now at modRevision ${conflict.current.modRevision}, version ${conflict.current.version}). Nothing was written.`
            : "Someone else deleted this key before the restore was written. Nothing was written; restoring now creates it (only if nobody re-creates it first).",
          overwrite: conflict.current ? "Restore over their change" : "Create with this version",
          discard: "Cancel the restore",
          keepEditing: null,
        }}
      />
    );
  }

  const shown = displayKey(version.key, version.keyEncoding);
  const error = put.isError && conflictCurrent(put.error) === undefined ? put.error.message : null;
  return (
    <Dialog label="Restore this version" onClose={onClose} wide>
      <p className="text-sm">
        Write the value <span className="font-mono break-all">{shown}</span> had at revision{" "}
        <strong className="font-mono">{version.modRevision}</strong> (version {version.version},{" "}
        {version.valueSize.toLocaleString("en-US")} bytes) back, exactly as stored then.
        {current
          ? ` Only if the key is still at modRevision ${current.modRevision}; otherwise you see what changed first.`
          : " The key does not exist now: it is created (only if nobody creates it first)."}
      </p>
      <div className="mt-3">
        <VersionDiff
          before={current}
          after={version}
          beforeLabel={current ? `now (revision ${current.modRevision})` : "now (deleted)"}
          afterLabel={`revision ${version.modRevision}`}
        />
      </div>
      <fieldset className="mt-3 space-y-1 text-sm">
        <legend className="font-medium">Lease</legend>
        <label className="flex items-center gap-2">
          <input type="radio" checked={!dropLease} onChange={() => setDropLease(false)} />
          {current?.lease
            ? `Keep the current lease (${current.lease})`
            : "No lease (the key has none now)"}
        </label>
        {current?.lease ? (
          <label className="flex items-center gap-2">
            <input type="radio" checked={dropLease} onChange={() => setDropLease(true)} />
            Remove the lease (the key then never expires)
          </label>
        ) : null}
        {version.lease && version.lease !== current?.lease ? (
          <p className="text-xs text-slate-600">
            The lease this version had ({version.lease}) is not reused: it has usually expired.
          </p>
        ) : null}
      </fieldset>
      <DialogFooter error={error ? `Restore failed: ${error}` : null} onCancel={onClose}>
        <Button
          variant="primary"
          disabled={put.isPending}
          onClick={() => write(current?.modRevision ?? "0")}
        >
          {put.isPending ? "Restoring…" : "Restore this version"}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
