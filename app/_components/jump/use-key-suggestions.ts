"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { RangeResponse } from "@/lib/contract";
import { apiFetch } from "@/lib/query/fetcher";
import { kvKeys, pastKeys } from "@/lib/query/keys";
import { useAsOfRevision } from "@/lib/query/time-travel/as-of";
import { keySuggestions, type KeySuggestion } from "./suggestions";

/** Wait after the last keystroke before asking the gateway (ms). */
export const SUGGEST_DEBOUNCE_MS = 150;

/** Keys listed per suggestion request: enough to fold a busy folder into one row and go on. */
const SUGGEST_LIMIT = 50;

/**
 * The `GET /api/v1/range` query of one suggestion request: keys only, at most
 * {@link SUGGEST_LIMIT}, under `typed`; `revision` (decimal int64 string, the explorer's past
 * view) lists the keys as of that revision, null the live ones.
 */
export function suggestParams(
  typed: string,
  revision: string | null,
): { prefix: string; keysOnly: 1; limit: number; revision?: string } {
  return {
    prefix: typed,
    keysOnly: 1,
    limit: SUGGEST_LIMIT,
    ...(revision === null ? {} : { revision }),
  };
}

/**
 * Existing keys starting with what was typed, for jump-to-key: after a
 * {@link SUGGEST_DEBOUNCE_MS} pause, `GET /api/v1/range?prefix=T&keysOnly=1&limit=50` (one etcd
 * Range, keys only; on etcd 3.4 it walks the index entries under `T`, which narrows with every
 * character typed). Nothing is asked for an empty box or while `enabled` is false. In the
 * explorer's past view (`?revision=R`) the keys are those as of R (suggestParams).
 * @returns the suggestions for the text last asked about (kept while the next one loads)
 */
export function useKeySuggestions(typed: string, enabled: boolean): KeySuggestion[] {
  const [text, setText] = useState(typed);
  useEffect(() => {
    const t = setTimeout(() => setText(typed), SUGGEST_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [typed]);
  const revision = useAsOfRevision();
  const q = useQuery({
    // Past lists live under pastKeys, which live watch updates never touch.
    queryKey:
      revision === null
        ? ([...kvKeys.ranges(), "suggest", text] as const)
        : ([...pastKeys.at(revision), "suggest", text] as const),
    queryFn: ({ signal }) =>
      apiFetch<RangeResponse>("/range", { params: suggestParams(text, revision), signal }),
    enabled: enabled && text !== "",
    staleTime: 5_000,
    placeholderData: keepPreviousData,
    meta: { quiet: true },
  });
  if (!enabled || typed === "" || !q.data) return [];
  return keySuggestions(text, q.data.kvs);
}
