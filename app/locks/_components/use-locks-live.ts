"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { throttle } from "throttle-debounce";
import type { WatchStream } from "@/lib/live/use-watch-stream";
import { lockKeys } from "@/lib/query/keys";

/**
 * Refetch the locks under `prefix` whenever `stream` (a watch on that prefix) reports anything:
 * a holder's key deleted, a waiter queued. Throttled to one refetch per 300 ms, leading and
 * trailing, so a hand-over shows at once and a burst costs two reads.
 */
export function useLocksLive(prefix: string, stream: WatchStream) {
  const qc = useQueryClient();
  const { subscribe } = stream;
  useEffect(() => {
    const refresh = throttle(
      300,
      () => void qc.invalidateQueries({ queryKey: lockKeys.prefix(prefix) }),
    );
    const unsubscribe = subscribe((msg) => {
      if (msg.kind === "change") refresh();
    });
    return () => {
      unsubscribe();
      refresh.cancel();
    };
  }, [prefix, qc, subscribe]);
}
