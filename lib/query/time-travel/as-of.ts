"use client";

import { createContext, useContext } from "react";

/**
 * The revision the explorer shows the keyspace at (`?revision=R`, a decimal int64 string), or
 * null for the live keyspace. Provided by the Explorer; read by the key, tree and count queries
 * so that in a past view every read carries `revision=R` and lands in its own cache entries
 * (pastKeys), which live watch updates never touch.
 */
export const AsOfRevisionContext = createContext<string | null>(null);

/** The revision the explorer is pinned to, or null when it shows the live keyspace. */
export function useAsOfRevision(): string | null {
  return useContext(AsOfRevisionContext);
}
