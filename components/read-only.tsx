"use client";

import { createContext, use, type ReactNode } from "react";

const ReadOnlyContext = createContext(false);

/**
 * Tells the UI whether the gateway refuses writes (`ETCD_EXPLORER_READ_ONLY=1`), as read by the
 * server layout at request time, so write controls never flash before the health check answers.
 * @prop readOnly  the gateway's read-only setting
 * @prop children  the app
 */
export function ReadOnlyProvider({
  readOnly,
  children,
}: {
  readOnly: boolean;
  children: ReactNode;
}) {
  return <ReadOnlyContext value={readOnly}>{children}</ReadOnlyContext>;
}

/** Whether the gateway is in read-only mode: hide every write control when true. */
export function useReadOnly(): boolean {
  return use(ReadOnlyContext);
}

/** The header's "read-only" badge; renders nothing when writes are allowed. */
export function ReadOnlyBadge() {
  if (!useReadOnly()) return null;
  return (
    <span
      role="status"
      title="This gateway refuses every write (ETCD_EXPLORER_READ_ONLY)"
      className="rounded bg-amber-400 px-2 py-0.5 text-xs font-semibold text-amber-950"
    >
      read-only
    </span>
  );
}
