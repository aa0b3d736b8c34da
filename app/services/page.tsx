import { Suspense } from "react";
import { ServicesView } from "./_components/services-view";

/**
 * `/services?prefix=/services/` — service discovery: the instances under a prefix grouped by
 * their parent folder, with lease countdowns and live appear/vanish/flap markers. Reads the URL,
 * hence the Suspense boundary.
 */
export default function ServicesPage() {
  return (
    <Suspense fallback={<p className="p-4 text-sm text-slate-500">Loading…</p>}>
      <ServicesView />
    </Suspense>
  );
}
