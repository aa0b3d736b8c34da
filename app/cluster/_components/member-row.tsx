import { Circle } from "lucide-react";
import { memberLabel, memberOk } from "@/lib/cluster-health";
import type { ClusterMember } from "@/lib/contract";
import { formatBytes } from "@/lib/format/byte-size";

/**
 * One member's row: name, hex ID, leader/learner badge, health (ok, the member's own errors, or
 * the error reaching it), version, raft term/index/applied, DB size bar (allocated vs in use,
 * scaled to the largest member) and client URLs.
 * @param member     a member of `GET /api/v1/cluster`
 * @param maxDbSize  the largest member's allocated DB size in bytes (bar scale)
 */
export function MemberRow({ member: m, maxDbSize }: { member: ClusterMember; maxDbSize: number }) {
  const s = m.status;
  const ok = memberOk(m);
  const db = Number(s?.dbSize ?? 0);
  const inUse = Number(s?.dbSizeInUse ?? 0);
  return (
    <tr aria-label={`Member ${memberLabel(m)}`} className="border-b border-slate-100 align-top">
      <th scope="row" className="py-1 pr-3 text-left font-medium">
        {memberLabel(m)}
      </th>
      <td className="py-1 pr-3 font-mono text-xs">{m.id}</td>
      <td className="py-1 pr-3">
        {m.isLeader ? (
          <span className="rounded bg-indigo-100 px-1.5 py-0.5 text-xs font-semibold text-indigo-800">
            Leader
          </span>
        ) : m.isLearner ? (
          <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">Learner</span>
        ) : (
          <span className="text-xs text-slate-500">Follower</span>
        )}
      </td>
      <td className="py-1 pr-3">
        {ok ? (
          <span className="inline-flex items-center gap-1 text-emerald-700">
            <Circle aria-hidden size={8} fill="currentColor" /> healthy
          </span>
        ) : (
          <span className="inline-flex items-center gap-1 text-rose-700">
            <Circle aria-hidden size={8} fill="currentColor" className="shrink-0" />{" "}
            {m.error ?? s?.errors.join("; ") ?? "unknown"}
          </span>
        )}
      </td>
      <td className="py-1 pr-3">{s?.version ?? "—"}</td>
      <td className="py-1 pr-3 font-mono text-xs">
        {s ? `${s.raftTerm} / ${s.raftIndex} (applied ${s.raftAppliedIndex})` : "—"}
      </td>
      <td className="py-1 pr-3">
        {s ? (
          <div className="w-40">
            <div
              role="meter"
              aria-label={`DB size of ${memberLabel(m)}`}
              aria-valuemin={0}
              aria-valuemax={maxDbSize}
              aria-valuenow={db}
              aria-valuetext={`${formatBytes(db)} allocated, ${formatBytes(inUse)} in use`}
              className="relative h-2 rounded bg-slate-100"
            >
              <div
                className="absolute inset-y-0 left-0 rounded bg-sky-200"
                style={{ width: `${(100 * db) / maxDbSize}%` }}
              />
              <div
                className="absolute inset-y-0 left-0 rounded bg-sky-600"
                style={{ width: `${(100 * inUse) / maxDbSize}%` }}
              />
            </div>
            <p className="text-xs text-slate-500">
              {formatBytes(db)} · {formatBytes(inUse)} in use
            </p>
          </div>
        ) : (
          "—"
        )}
      </td>
      <td className="py-1 pr-3 font-mono text-xs">{m.clientUrls.join(", ") || "—"}</td>
    </tr>
  );
}
