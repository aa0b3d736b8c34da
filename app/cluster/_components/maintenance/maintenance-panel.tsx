"use client";

import { useState } from "react";
import { useReadOnly } from "@/components/read-only";
import { Button } from "@/components/ui/button";
import { memberLabel } from "@/lib/cluster-health";
import type { ClusterMember, ClusterResponse } from "@/lib/contract";
import { useDisarmMutation, useMoveLeaderMutation } from "@/lib/query/use-maintenance-mutations";
import { CompactDialog } from "./compact-dialog";
import { ConfirmActionDialog } from "./confirm-action-dialog";
import { DefragmentDialog } from "./defragment-dialog";

type Open =
  | { kind: "compact" }
  | { kind: "defrag"; member: ClusterMember }
  | { kind: "leader"; member: ClusterMember }
  | { kind: "disarm" }
  | null;

/**
 * The cluster page's maintenance chores: snapshot download (per member; a read, offered in
 * read-only mode too), and — absent in read-only mode — compact, defragment one member, make a
 * member the leader, disarm the raised alarms. Each write opens a dialog that says what it will
 * do and asks to confirm.
 * @prop cluster  the current `GET /api/v1/cluster` answer
 */
export function MaintenancePanel({ cluster }: { cluster: ClusterResponse }) {
  const readOnly = useReadOnly();
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  const disarm = useDisarmMutation();
  const moveLeader = useMoveLeaderMutation();
  return (
    <section aria-label="Maintenance" className="mt-6">
      <h2 className="mb-2 text-base font-semibold">Maintenance</h2>
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <a
          href="/api/v1/cluster/snapshot"
          download
          className="rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50"
        >
          Download snapshot (leader)
        </a>
        {!readOnly ? (
          <>
            <Button onClick={() => setOpen({ kind: "compact" })}>Compact…</Button>
            {cluster.alarms.length ? (
              <Button variant="danger" onClick={() => setOpen({ kind: "disarm" })}>
                Disarm alarms…
              </Button>
            ) : null}
          </>
        ) : null}
      </div>
      <table aria-label="Member maintenance" className="text-sm">
        <tbody>
          {cluster.members.map((m) => (
            <tr key={m.id} aria-label={`Maintenance of ${memberLabel(m)}`}>
              <th scope="row" className="py-1 pr-3 text-left font-medium">
                {memberLabel(m)}
                {m.isLeader ? " (leader)" : ""}
              </th>
              <td className="flex gap-2 py-1">
                <a
                  href={`/api/v1/cluster/snapshot?memberId=${m.id}`}
                  download
                  className="rounded px-2 py-1 text-xs text-sky-800 hover:bg-slate-100"
                >
                  Snapshot
                </a>
                {!readOnly ? (
                  <>
                    <Button
                      size="sm"
                      disabled={!m.status}
                      onClick={() => setOpen({ kind: "defrag", member: m })}
                    >
                      Defragment…
                    </Button>
                    {!m.isLeader && !m.isLearner && cluster.leader ? (
                      <Button size="sm" onClick={() => setOpen({ kind: "leader", member: m })}>
                        Make leader…
                      </Button>
                    ) : null}
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {open?.kind === "compact" ? (
        <CompactDialog
          current={cluster.header.revision}
          floor={cluster.compactRevision}
          onClose={close}
        />
      ) : null}
      {open?.kind === "defrag" ? <DefragmentDialog member={open.member} onClose={close} /> : null}
      {open?.kind === "leader" ? (
        <ConfirmActionDialog
          label="Move the leader"
          action={`Make ${memberLabel(open.member)} the leader`}
          run={() => moveLeader.mutateAsync(open.member.id)}
          describe={(r) =>
            r.moved ? `Leadership moved from ${r.from} to ${r.to}.` : `${r.to} already leads.`
          }
          onClose={close}
        >
          Ask the current leader ({cluster.leader}) to hand leadership to{" "}
          <strong>{memberLabel(open.member)}</strong> ({open.member.id}). Requests pause briefly
          during the hand-over.
        </ConfirmActionDialog>
      ) : null}
      {open?.kind === "disarm" ? (
        <ConfirmActionDialog
          label="Disarm alarms"
          action="Disarm"
          run={() => disarm.mutateAsync({})}
          describe={(r) =>
            `Disarmed ${r.disarmed.map((a) => `${a.alarm} on ${a.memberId}`).join(", ") || "nothing"}.`
          }
          onClose={close}
        >
          Disarm {cluster.alarms.map((a) => `${a.alarm} on ${a.memberId}`).join(", ")}. Free space
          first (compact, then defragment each member): etcd raises NOSPACE again on the next write
          while the backend is still over its quota.
        </ConfirmActionDialog>
      ) : null}
    </section>
  );
}
