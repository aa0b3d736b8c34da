"use client";

import Link from "next/link";
import { useReadOnly } from "@/components/read-only";
import { TtlTimer } from "@/components/ttl-timer";
import { Button } from "@/components/ui/button";
import type { LeaseKeyDto } from "@/lib/contract";
import { displayKey } from "@/lib/format/display-key";
import { useKeepAliveMutation } from "@/lib/query/use-keepalive-mutation";
import { type LiveLease, useLeaseQuery } from "@/lib/query/use-lease-query";

/** The explorer deep link for a key (`/?key=`, with `keyEncoding=base64` for binary keys). */
export function keyHref(k: LeaseKeyDto): string {
  const enc = k.keyEncoding === "base64" ? "&keyEncoding=base64" : "";
  return `/?key=${encodeURIComponent(k.key)}${enc}`;
}

/**
 * One lease in the lease manager's table (a row named by its hex ID): granted TTL (seconds),
 * live remaining TTL (re-read near expiry through the batched lease query, so a kept-alive
 * lease shows its renewals), its keys (links to the explorer), keep-alive and revoke buttons
 * (left out in read-only mode).
 * @prop lease     the lease as listed, with its absolute expiry
 * @prop onRevoke  opens the revoke confirmation
 */
export function LeaseRow({ lease, onRevoke }: { lease: LiveLease; onRevoke: () => void }) {
  const readOnly = useReadOnly();
  // Seeded by the listing; fresher once the row's own near-expiry re-read answered.
  const live = useLeaseQuery(lease.id);
  return (
    <tr aria-label={`Lease ${lease.id}`} className="border-b border-slate-200 align-top">
      <td className="py-1.5 pr-3 font-mono">{lease.id}</td>
      <td className="py-1.5 pr-3 font-mono">{lease.grantedTtl}s</td>
      <td className="py-1.5 pr-3">
        <TtlTimer
          expiresAt={live.data?.expiresAt ?? lease.expiresAt}
          grantedTtl={lease.grantedTtl}
          expired={live.data === null}
        />
      </td>
      <td className="py-1.5 pr-3">
        <span className="text-slate-500">
          {lease.keys.length} {lease.keys.length === 1 ? "key" : "keys"}
        </span>
        {lease.keys.length ? (
          <ul aria-label={`Keys of lease ${lease.id}`} className="font-mono text-xs">
            {lease.keys.map((k) => (
              <li key={`${k.keyEncoding}:${k.key}`} className="break-all">
                <Link href={keyHref(k)} className="text-sky-700 hover:underline">
                  {displayKey(k.key, k.keyEncoding)}
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
      </td>
      <td className="py-1.5 text-right whitespace-nowrap">
        {readOnly ? null : <LeaseActions id={lease.id} onRevoke={onRevoke} />}
      </td>
    </tr>
  );
}

/** The row's write controls: keep alive once (`POST …/keepalive`) and revoke (confirmed). */
function LeaseActions({ id, onRevoke }: { id: string; onRevoke: () => void }) {
  const keepAlive = useKeepAliveMutation();
  return (
    <>
      <Button
        size="sm"
        disabled={keepAlive.isPending}
        onClick={() => keepAlive.mutate(id)}
        aria-label={`Keep lease ${id} alive`}
      >
        Keep alive
      </Button>{" "}
      <Button size="sm" variant="danger" onClick={onRevoke} aria-label={`Revoke lease ${id}`}>
        Revoke
      </Button>
    </>
  );
}
