"use client";

import type { ReactNode } from "react";
import { ReadOnlyProvider, useReadOnly } from "@/components/read-only";
import { AsOfRevisionContext } from "@/lib/query/time-travel/as-of";
import { useAsOfParam } from "./use-as-of-param";

/**
 * Puts the explorer at `?revision=R` when the URL has one: every key, tree and count read below
 * carries R (AsOfRevisionContext), and every write control is hidden (the read-only context is
 * true, as with a read-only gateway). Without `revision` it changes nothing.
 * @prop children  the explorer
 */
export function AsOfScope({ children }: { children: ReactNode }) {
  const gatewayReadOnly = useReadOnly();
  const { revision } = useAsOfParam();
  return (
    <AsOfRevisionContext value={revision}>
      <ReadOnlyProvider readOnly={gatewayReadOnly || revision !== null}>
        {children}
      </ReadOnlyProvider>
    </AsOfRevisionContext>
  );
}
