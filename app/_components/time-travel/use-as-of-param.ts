"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback } from "react";

/**
 * The explorer's past-view revision, kept in the URL (`?revision=R`) so a shared link shows
 * exactly what its sender saw. Only a decimal revision counts; anything else is the live view.
 * `setRevision(R)` adds or replaces it, `setRevision(null)` goes back to live; both keep the
 * selection (key or folder) and push a history entry.
 */
export function useAsOfParam(): {
  revision: string | null;
  setRevision: (revision: string | null) => void;
} {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const raw = params.get("revision");
  const revision = raw !== null && /^\d{1,19}$/.test(raw) ? raw : null;

  const setRevision = useCallback(
    (next: string | null) => {
      const qs = new URLSearchParams(params.toString());
      if (next === null) qs.delete("revision");
      else qs.set("revision", next);
      // The "What changed" view is live-only: leave it for its folder when going to the past.
      if (next !== null && qs.get("view") === "changes") {
        for (const p of ["view", "from", "to"]) qs.delete(p);
      }
      const q = qs.toString();
      router.push(q ? `${pathname}?${q}` : pathname, { scroll: false });
    },
    [params, router, pathname],
  );

  return { revision, setRevision };
}
