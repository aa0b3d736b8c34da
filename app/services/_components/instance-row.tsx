"use client";

import Link from "next/link";
import { LeaseCountdown } from "@/components/lease-countdown";
import { FLAP_THRESHOLD, RECENT_MS } from "./use-service-activity";
import type { Instance } from "./group-instances";

/**
 * One instance of a service (a row named by its key's last segment): its value, lease
 * countdown (or "no lease"), and markers from the watch stream — "new" (created in the last
 * 15 s), "vanished" (deleted in the last 15 s, struck through), "flapping" (≥ 4 creates/deletes
 * in 2 min).
 * @prop now  the current time in ms (from the page's shared ticker)
 */
export function InstanceRow({ inst, now }: { inst: Instance; now: number }) {
  const a = inst.activity;
  const vanished = inst.kv === null;
  const fresh = !vanished && a?.appearedAt !== undefined && now - a.appearedAt < RECENT_MS;
  const flapping = (a?.churn.length ?? 0) >= FLAP_THRESHOLD;
  return (
    <tr
      aria-label={inst.name}
      className={`border-b border-slate-100 ${vanished ? "bg-rose-50 text-slate-600 line-through" : fresh ? "bg-emerald-50" : ""}`}
    >
      <td className="py-1 pr-3 font-mono">
        <Link href={`/?key=${encodeURIComponent(inst.key)}`} className="hover:underline">
          {inst.name}
        </Link>
      </td>
      <td className="max-w-md truncate py-1 pr-3 font-mono text-xs" title={inst.kv?.value}>
        {inst.kv ? (inst.kv.valueEncoding === "utf8" ? inst.kv.value : "(binary)") : ""}
      </td>
      <td className="py-1 pr-3">
        {inst.kv?.lease ? (
          <LeaseCountdown lease={inst.kv.lease} watchKey={inst.kv} />
        ) : inst.kv ? (
          <span className="text-xs text-slate-500">no lease</span>
        ) : null}
      </td>
      <td className="py-1 text-xs">
        {vanished ? <span className="text-rose-700 no-underline">vanished</span> : null}
        {fresh ? <span className="text-emerald-700">new</span> : null}
        {flapping ? (
          <span className="ml-1 rounded bg-amber-100 px-1 text-amber-800">flapping</span>
        ) : null}
      </td>
    </tr>
  );
}
