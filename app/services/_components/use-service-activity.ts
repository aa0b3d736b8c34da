"use client";

import { useQueryClient } from "@tanstack/react-query";
import { throttle } from "throttle-debounce";
import { useEffect, useState } from "react";
import { kvKeys } from "@/lib/query/keys";
import type { WatchStream } from "@/lib/live/use-watch-stream";

/** An instance counts as "new" or "vanished" for this long after the event, in ms. */
export const RECENT_MS = 15_000;
/** Window in which repeated create/delete cycles are counted, in ms. */
export const FLAP_WINDOW_MS = 120_000;
/** Creates + deletes within {@link FLAP_WINDOW_MS} that mark a registration as flapping. */
export const FLAP_THRESHOLD = 4;

/** What the watch stream told about one instance key (times in ms since the epoch). */
export type InstanceActivity = {
  appearedAt?: number;
  vanishedAt?: number;
  /** Times of creates (version 1 puts) and deletes within the flap window. */
  churn: number[];
};

/**
 * Follow `stream` (a watch on the services prefix): remember when each key was created or
 * deleted (for "new"/"vanished" highlights and flap detection) and refresh the prefix listing,
 * at most every 500 ms.
 * @returns activity by key (UTF-8 keys only; binary keys are ignored)
 */
export function useServiceActivity(prefix: string, stream: WatchStream) {
  const qc = useQueryClient();
  const [activity, setActivity] = useState<Map<string, InstanceActivity>>(() => new Map());
  const { subscribe } = stream;

  useEffect(() => {
    // Trailing edge only: one refetch 500 ms after the first message of a burst.
    const refresh = throttle(
      500,
      () => void qc.invalidateQueries({ queryKey: kvKeys.range(prefix) }),
      { noLeading: true },
    );
    const unsubscribe = subscribe((msg) => {
      refresh();
      if (msg.kind !== "change") return;
      const now = Date.now();
      setActivity((old) => {
        const next = new Map(old);
        for (const ev of msg.message.events) {
          if (ev.kv.keyEncoding !== "utf8") continue;
          const created = ev.type === "put" && ev.kv.version === "1";
          if (!created && ev.type !== "delete") continue;
          const prev = next.get(ev.kv.key) ?? { churn: [] };
          const churn = [...prev.churn.filter((t) => now - t < FLAP_WINDOW_MS), now];
          next.set(
            ev.kv.key,
            created
              ? { appearedAt: now, churn }
              : { appearedAt: prev.appearedAt, vanishedAt: now, churn },
          );
        }
        return next;
      });
    });
    return () => {
      unsubscribe();
      refresh.cancel();
    };
  }, [prefix, qc, subscribe]);

  return activity;
}
