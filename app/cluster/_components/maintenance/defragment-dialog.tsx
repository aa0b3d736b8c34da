"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";
import type { ClusterMember, DefragmentResponse } from "@/lib/contract";
import { memberLabel } from "@/lib/cluster-health";
import { useDefragmentMutation } from "@/lib/query/use-maintenance-mutations";
import { formatBytes } from "@/lib/format/byte-size";

/**
 * Confirm defragmenting ONE member (`POST /api/v1/cluster/members/{id}/defragment`): warns that
 * the member blocks meanwhile, shows its DB size before, then before → after.
 * @prop member   the member to defragment
 * @prop onClose  closes the dialog
 */
export function DefragmentDialog({
  member,
  onClose,
}: {
  member: ClusterMember;
  onClose: () => void;
}) {
  const defrag = useDefragmentMutation();
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<DefragmentResponse | null>(null);
  const db = Number(member.status?.dbSize ?? 0);
  const inUse = Number(member.status?.dbSizeInUse ?? 0);

  async function confirm() {
    try {
      setResult(await defrag.mutateAsync(member.id));
    } catch (err) {
      setError(`Defragmentation failed: ${(err as Error).message}`);
    }
  }

  return (
    <Dialog label={`Defragment ${memberLabel(member)}`} onClose={onClose}>
      <p className="text-sm">
        Rewrite the backend of member <strong>{memberLabel(member)}</strong> ({member.id}) to give
        free pages back to the disk. DB size now: <strong>{formatBytes(db)}</strong>, of which{" "}
        {formatBytes(inUse)} in use.
      </p>
      <p className="mt-2 text-sm text-amber-800">
        The member blocks reads and writes until it is done (seconds per GiB). Defragment one member
        at a time, the leader last.
      </p>
      {result ? (
        <p role="status" className="mt-2 text-sm text-emerald-700">
          DB size {formatBytes(Number(result.before.dbSize))} →{" "}
          {formatBytes(Number(result.after.dbSize))} in {result.tookMs} ms.
        </p>
      ) : null}
      <DialogFooter error={error} onCancel={onClose}>
        {result ? null : (
          <Button variant="danger" disabled={defrag.isPending} onClick={() => void confirm()}>
            {defrag.isPending ? "Defragmenting…" : "Defragment this member"}
          </Button>
        )}
      </DialogFooter>
    </Dialog>
  );
}
