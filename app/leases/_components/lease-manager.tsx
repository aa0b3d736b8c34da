"use client";

import { useState } from "react";
import { useReadOnly } from "@/components/read-only";
import { InlineError } from "@/components/ui/inline-error";
import type { LiveLease } from "@/lib/query/use-lease-query";
import { useLeasesQuery } from "@/lib/query/use-leases-query";
import { GrantLeaseForm } from "./grant-lease-form";
import { LeaseRow } from "./lease-row";
import { RevokeLeaseDialog } from "./revoke-lease-dialog";

/**
 * The lease manager: a table of every lease sorted by expires soonest (granted TTL, live
 * remaining TTL, keys), a grant form, and per-lease keep-alive and revoke (with confirmation).
 * In read-only mode the table alone: no grant form, keep-alive or revoke.
 */
export function LeaseManager() {
  const readOnly = useReadOnly();
  const leases = useLeasesQuery();
  const [revoking, setRevoking] = useState<LiveLease | null>(null);
  const list = leases.data?.leases ?? [];
  return (
    <div className="h-full overflow-auto p-4">
      <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-lg font-semibold">Leases</h1>
          <p className="text-sm text-slate-500">
            Keys bound to a lease are deleted by etcd when it expires or is revoked. Sorted by
            expires soonest; a TTL is re-read before it runs low, so a kept-alive lease shows its
            renewals.
          </p>
        </div>
        {readOnly ? null : <GrantLeaseForm />}
      </div>
      {leases.isError ? (
        <InlineError message={`Could not list leases: ${leases.error.message}`} />
      ) : null}
      {leases.data?.truncated ? (
        <p className="mb-2 text-sm text-amber-700">Only the first leases are shown.</p>
      ) : null}
      <table aria-label="Leases" className="w-full border-collapse text-sm">
        <thead>
          <tr className="border-b border-slate-300 text-left text-xs text-slate-500">
            <th scope="col" className="py-1 pr-3 font-medium">
              Lease ID
            </th>
            <th scope="col" className="py-1 pr-3 font-medium">
              Granted TTL
            </th>
            <th scope="col" className="py-1 pr-3 font-medium">
              Remaining
            </th>
            <th scope="col" className="py-1 pr-3 font-medium">
              Keys
            </th>
            <th scope="col" className="py-1 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.map((lease) => (
            <LeaseRow key={lease.id} lease={lease} onRevoke={() => setRevoking(lease)} />
          ))}
        </tbody>
      </table>
      {leases.isPending ? <p className="mt-3 text-sm text-slate-500">Loading leases…</p> : null}
      {leases.isSuccess && list.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500">
          {readOnly ? "No leases." : "No leases. Grant one above."}
        </p>
      ) : null}
      {revoking && !readOnly ? (
        <RevokeLeaseDialog lease={revoking} onClose={() => setRevoking(null)} />
      ) : null}
    </div>
  );
}
