import { LeaseManager } from "./_components/lease-manager";

/** `/leases` — the lease manager: every lease with its live TTL and keys; grant, renew, revoke. */
export default function LeasesPage() {
  return <LeaseManager />;
}
