"use client";

import { createContext, useContext } from "react";
import type { WatchStream } from "@/lib/live/use-watch-stream";

/** The tab's one watch stream, provided by the Explorer (which owns the EventSource). */
export const WatchContext = createContext<WatchStream | null>(null);

/** The tab's watch stream, or null outside the Explorer (e.g. in isolated component tests). */
export function useWatchContext(): WatchStream | null {
  return useContext(WatchContext);
}
