"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";
import { Input } from "@/components/ui/input";
import { useCompactMutation } from "@/lib/query/use-maintenance-mutations";

/**
 * Confirm a compaction with its preview: the current revision, the last compaction (floor) and
 * how much history goes (the revisions between the floor and the chosen revision); `physical`
 * waits until the backend dropped it. `POST /api/v1/cluster/compact`.
 * @prop current   the store revision now (decimal string)
 * @prop floor     the last compaction ("0": never; null: unknown)
 * @prop onClose   closes the dialog
 */
export function CompactDialog({
  current,
  floor,
  onClose,
}: {
  current: string;
  floor: string | null;
  onClose: () => void;
}) {
  const compact = useCompactMutation();
  const [revision, setRevision] = useState(current);
  const [physical, setPhysical] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const valid = /^\d{1,19}$/.test(revision) && BigInt(revision) >= 1n;
  const from = floor === null ? null : BigInt(floor);
  const gone = valid && from !== null ? BigInt(revision) - (from > 0n ? from : 1n) : null;

  async function confirm() {
    try {
      const res = await compact.mutateAsync({ revision, physical });
      setDone(`Compacted at revision ${res.revision}.`);
    } catch (err) {
      setError(`Compaction failed: ${(err as Error).message}`);
    }
  }

  return (
    <Dialog label="Compact history" onClose={onClose}>
      <dl aria-label="Compaction preview" className="grid grid-cols-2 gap-x-4 text-sm">
        <dt>Current revision</dt>
        <dd className="font-mono">{current}</dd>
        <dt>Compacted so far (floor)</dt>
        <dd className="font-mono">
          {floor === null ? "unknown" : floor === "0" ? "never" : floor}
        </dd>
        <dt>History discarded</dt>
        <dd aria-label="History discarded">
          {gone === null
            ? "—"
            : gone <= 0n
              ? "nothing (at or below the floor: refused)"
              : `${gone} revision${gone === 1n ? "" : "s"} (${from && from > 0n ? from : 1n} … ${BigInt(revision) - 1n})`}
        </dd>
      </dl>
      <label className="mt-3 block text-sm">
        Compact at revision
        <Input
          value={revision}
          onChange={(e) => setRevision(e.target.value.trim())}
          className="mt-1 block w-48 font-mono"
        />
      </label>
      <label className="mt-2 flex items-center gap-2 text-sm">
        <input type="checkbox" checked={physical} onChange={(e) => setPhysical(e.target.checked)} />
        Physical: wait until the backend has removed it
      </label>
      <p className="mt-2 text-sm text-amber-800">
        Reads and watches of revisions below it will fail (410); every key keeps its latest value.
        The DB file does not shrink until each member is defragmented.
      </p>
      {done ? (
        <p role="status" className="mt-2 text-sm text-emerald-700">
          {done}
        </p>
      ) : null}
      <DialogFooter error={error} onCancel={onClose}>
        {done ? null : (
          <Button
            variant="danger"
            disabled={!valid || compact.isPending}
            onClick={() => void confirm()}
          >
            {compact.isPending ? "Compacting…" : `Compact at ${revision}`}
          </Button>
        )}
      </DialogFooter>
    </Dialog>
  );
}
