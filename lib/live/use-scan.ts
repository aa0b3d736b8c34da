"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { ScanProgressEvent } from "@/lib/contract";
import type { ApiError } from "@/lib/query/api-error";
import { readScanStream } from "./scan-stream";

/** Where a scan is: not started, streaming, finished, stopped by the user, or failed. */
export type ScanStatus = "idle" | "running" | "done" | "cancelled" | "error";

/** A scan's state in React: its last progress, the matches so far, its `done` message. */
export type ScanState<M, D> = {
  status: ScanStatus;
  progress: ScanProgressEvent | null;
  /** `match` messages in arrival order (search); empty for stats. */
  matches: M[];
  done: D | null;
  error: ApiError | null;
};

/** Matches are added to React state at most this often (ms), not one render per match. */
const FLUSH_MS = 100;

/** A scan not started (a new object each time: `matches` is appended to). */
function idle<M, D>(status: ScanStatus = "idle"): ScanState<M, D> {
  return { status, progress: null, matches: [], done: null, error: null };
}

/**
 * Run one scan stream (`GET /api/v1/search` or `/stats`) while `request` is set: a new request
 * (another URL, or the same URL with a new `run`) aborts the previous one, as does unmounting
 * and `cancel()`. Aborting closes the HTTP request, so the gateway stops reading etcd.
 * @param request  `{url, run}`; null for none (the state goes back to idle)
 * @returns the state and `cancel`
 */
export function useScan<M, D>(
  request: { url: string; run: number } | null,
): ScanState<M, D> & { cancel: () => void } {
  // The state of the scan named by `of` (url + run); any other scan's state reads as fresh.
  const [state, setState] = useState<ScanState<M, D> & { of: string | null }>(() => ({
    ...idle<M, D>(),
    of: null,
  }));
  const abortRef = useRef<AbortController | null>(null);
  const url = request?.url ?? null;
  const run = request?.run ?? 0;
  const of = url === null ? null : `${run} ${url}`;

  useEffect(() => {
    if (url === null || of === null) return;
    const abort = new AbortController();
    abortRef.current = abort;
    // Every update starts from this scan's state (a fresh one if an older scan's is held).
    const update = (f: (s: ScanState<M, D>) => ScanState<M, D>) =>
      setState((s) => ({ ...f(s.of === of ? s : idle<M, D>("running")), of }));
    let buffer: M[] = [];
    const flush = () => {
      if (buffer.length === 0) return;
      const batch = buffer;
      buffer = [];
      update((s) => ({ ...s, matches: [...s.matches, ...batch] }));
    };
    const timer = setInterval(flush, FLUSH_MS);
    readScanStream(
      url,
      (event, data) => {
        if (event === "match") buffer.push(data as M);
        else if (event === "progress")
          update((s) => ({ ...s, progress: data as ScanProgressEvent }));
        else if (event === "done") {
          flush();
          update((s) => ({ ...s, status: "done", done: data as D }));
        }
      },
      abort.signal,
    )
      .then(() => update((s) => (s.status === "running" ? { ...s, status: "done" } : s)))
      .catch((e: unknown) => {
        flush();
        if (abort.signal.aborted) return;
        update((s) => ({ ...s, status: "error", error: e as ApiError }));
      })
      .finally(() => clearInterval(timer));
    return () => {
      abort.abort();
      clearInterval(timer);
    };
  }, [url, run, of]);

  const cancel = useCallback(() => {
    abortRef.current?.abort();
    setState((s) => (s.status === "running" ? { ...s, status: "cancelled" } : s));
  }, []);

  const current: ScanState<M, D> = of === null ? idle() : state.of === of ? state : idle("running");
  return { ...current, cancel };
}
