"use client";

import { useEffect, useState } from "react";
import { useClusterMetricsQuery } from "@/lib/query/use-cluster-metrics-query";
import { appendSample, type Sample } from "./series";

/**
 * The samples of `GET /api/v1/cluster/metrics` taken while the page is open (every 5 s), the
 * last 15 minutes of them; nothing is stored, so a reload starts empty. Also returns the query
 * for its error state.
 */
export function useMetricsHistory() {
  const query = useClusterMetricsQuery();
  const [history, setHistory] = useState<Sample[]>([]);
  const data = query.data;
  useEffect(() => {
    // Syncing an external series into state once per poll is this effect's one job.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (data) setHistory((h) => appendSample(h, data));
  }, [data]);
  return { history, query };
}
