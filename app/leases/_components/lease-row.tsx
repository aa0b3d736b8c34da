"use client";

import Link from "next/link";
import { TtlTimer } from "@/components/ttl-timer";
import { Button } from "@/components/ui/button";
import type { LeaseKeyDto } from "@/lib/contract";
import { displayKey } from "@/lib/format/display-key";
import type { LiveLease } from "@/lib/query/use-lease-query";
import { useKeepAliveMutation } from "@/lib/query/use-keepalive-mutation";

/** The explorer deep link for a key (`/?key=`, with `keyEncoding=base64` for binary keys). */
export function keyHref(k: LeaseKeyDto): string {
  const enc = k.keyEncoding === "base64" ? "&keyEncoding=base64" : "";
  return `/?key=${encodeURIComponent(k.key)}${enc}`;
}

/**
 * One lease in the lease manager's table (a row named by its hex ID): granted TTL (seconds),
 * live remaining TTL, its keys (links to the explorer), keep-alive and revoke buttons.
 * @prop lease     the lease with its absolute expiry
 * @prop onRevoke  opens the revoke confirmation
 */
export function LeaseRow({ lease, onRevoke }: { lease: LiveLease; onRevoke: () => void }) {
  const keepAlive = useKeepAliveMutation();
  return (
    <tr aria-label={`Lease ${lease.id}`} className="border-b border-slate-200 align-top">
      <td className="py-1.5 pr-3 font-mono">{lease.id}</td>
      <td className="py-1.5 pr-3 font-mono">{lease.grantedTtl}s</td>
      <td className="py-1.5 pr-3">
        <TtlTimer expiresAt={lease.expiresAt} />
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
        <Button
          size="sm"
          disabled={keepAlive.isPending}
          onClick={() => keepAlive.mutate(lease.id)}
          aria-label={`Keep lease ${lease.id} alive`}
        >
          Keep alive
        </Button>{" "}
        <Button
          size="sm"
          variant="danger"
          onClick={onRevoke}
          aria-label={`Revoke lease ${lease.id}`}
        >
          Revoke
        </Button>
      </td>
    </tr>
  );
}
