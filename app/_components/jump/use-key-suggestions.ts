"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { RangeResponse } from "@/lib/contract";
import { apiFetch } from "@/lib/query/fetcher";
import { kvKeys } from "@/lib/query/keys";
import { keySuggestions, type KeySuggestion } from "./suggestions";

/** Wait after the last keystroke before asking the gateway (ms). */
export const SUGGEST_DEBOUNCE_MS = 150;

/** Keys listed per suggestion request: enough to fold a busy folder into one row and go on. */
const SUGGEST_LIMIT = 50;

/**
 * Existing keys starting with what was typed, for jump-to-key: after a
 * {@link SUGGEST_DEBOUNCE_MS} pause, `GET /api/v1/range?prefix=T&keysOnly=1&limit=50` (one etcd
 * Range, keys only; on etcd 3.4 it walks the index entries under `T`, which narrows with every
 * character typed). Nothing is asked for an empty box or while `enabled` is false.
 * @returns the suggestions for the text last asked about (kept while the next one loads)
 */
export function useKeySuggestions(typed: string, enabled: boolean): KeySuggestion[] {
  const [text, setText] = useState(typed);
  useEffect(() => {
    const t = setTimeout(() => setText(typed), SUGGEST_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [typed]);
  const q = useQuery({
    queryKey: [...kvKeys.ranges(), "suggest", text] as const,
    queryFn: ({ signal }) =>
      apiFetch<RangeResponse>("/range", {
        params: { prefix: text, keysOnly: 1, limit: SUGGEST_LIMIT },
        signal,
      }),
    enabled: enabled && text !== "",
    staleTime: 5_000,
    placeholderData: keepPreviousData,
    meta: { quiet: true },
  });
  if (!enabled || typed === "" || !q.data) return [];
  return keySuggestions(text, q.data.kvs);
}
