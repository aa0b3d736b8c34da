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

const IDLE = { status: "idle", progress: null, matches: [], done: null, error: null } as const;

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
  const [state, setState] = useState<ScanState<M, D>>(IDLE);
  const abortRef = useRef<AbortController | null>(null);
  const url = request?.url ?? null;
  const run = request?.run ?? 0;

  useEffect(() => {
    if (url === null) {
      setState(IDLE);
      return;
    }
    const abort = new AbortController();
    abortRef.current = abort;
    let buffer: M[] = [];
    const flush = () => {
      if (buffer.length === 0) return;
      const batch = buffer;
      buffer = [];
      setState((s) => ({ ...s, matches: [...s.matches, ...batch] }));
    };
    const timer = setInterval(flush, FLUSH_MS);
    setState({ ...IDLE, status: "running" });
    readScanStream(
      url,
      (event, data) => {
        if (event === "match") buffer.push(data as M);
        else if (event === "progress") {
          setState((s) => ({ ...s, progress: data as ScanProgressEvent }));
        } else if (event === "done") {
          flush();
          setState((s) => ({ ...s, status: "done", done: data as D }));
        }
      },
      abort.signal,
    )
      .then(() => setState((s) => (s.status === "running" ? { ...s, status: "done" } : s)))
      .catch((e: unknown) => {
        flush();
        if (abort.signal.aborted) return;
        setState((s) => ({ ...s, status: "error", error: e as ApiError }));
      })
      .finally(() => clearInterval(timer));
    return () => {
      abort.abort();
      clearInterval(timer);
    };
  }, [url, run]);

  const cancel = useCallback(() => {
    abortRef.current?.abort();
    setState((s) => (s.status === "running" ? { ...s, status: "cancelled" } : s));
  }, []);

  return { ...state, cancel };
}
