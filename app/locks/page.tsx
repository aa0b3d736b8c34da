import { Suspense } from "react";
import { LocksView } from "./_components/locks-view";

/**
 * `/locks?prefix=P` — locks and elections under a prefix (default: the whole keyspace): holder,
 * waiters in queue order, lease countdowns, live from a watch. Reads the URL, hence Suspense.
 */
export default function LocksPage() {
  return (
    <Suspense fallback={<p className="p-4 text-sm text-slate-500">Loading…</p>}>
      <LocksView />
    </Suspense>
  );
}
