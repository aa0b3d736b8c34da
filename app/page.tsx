import { Suspense } from "react";
import { Explorer } from "./_components/explorer";
import { AsOfScope } from "./_components/time-travel/as-of-scope";

/**
 * `/` — the key explorer. `?key=K` (with `&keyEncoding=base64` for binary keys) opens a key,
 * `?prefix=P` a folder, `?revision=R` shows the keyspace as of revision R (read-only, AsOfScope).
 * The explorer reads the URL, hence the Suspense boundary.
 */
export default function HomePage() {
  return (
    <Suspense fallback={<p className="p-4 text-sm text-slate-500">Loading…</p>}>
      <AsOfScope>
        <Explorer />
      </AsOfScope>
    </Suspense>
  );
}
