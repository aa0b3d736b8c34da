import { displayKey } from "@/lib/format/display-key";
import type { RestoreOutcome, RestoreResponse } from "@/lib/query/time-travel/types";

const OUTCOME_TEXT: Record<RestoreOutcome, string> = {
  restored: "restored",
  exists: "not restored: the key exists now (never overwritten)",
  not_found: "not restored: the key had no value at that revision",
  compacted: "not restored: that revision was compacted",
};

/**
 * What a restore did, key by key (`POST /api/v1/restore` results), with the two things a user
 * must know: restored keys have no lease, and a restore larger than one etcd transaction is not
 * atomic (the gateway's own note when it sends one).
 * @prop result  the restore's answer
 */
export function RestoreResults({ result }: { result: RestoreResponse }) {
  const restored = result.results.filter((r) => r.outcome === "restored").length;
  return (
    <section
      role="status"
      aria-label="Restore results"
      className="rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-950"
    >
      <p className="font-medium">
        Restored {restored} of {result.results.length}{" "}
        {result.results.length === 1 ? "key" : "keys"}. Restored keys have no lease (the lease they
        had is usually gone).
      </p>
      {result.note ? <p className="mt-1 text-xs">{result.note}</p> : null}
      <ul className="mt-2 max-h-48 overflow-auto font-mono text-xs">
        {result.results.map((r) => (
          <li key={`${r.keyEncoding}:${r.key}`} className="flex gap-2">
            <span className="min-w-0 flex-1 truncate">{displayKey(r.key, r.keyEncoding)}</span>
            <span className={r.outcome === "restored" ? "text-emerald-800" : "text-amber-800"}>
              {OUTCOME_TEXT[r.outcome]}
              {r.revision ? ` (revision ${r.revision})` : ""}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
