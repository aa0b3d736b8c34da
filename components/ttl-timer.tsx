"use client";

import { formatTtl, secondsLeft } from "@/lib/format/ttl";
import { useNow } from "@/lib/query/use-now";

/**
 * A remaining TTL counting down each second from `expiresAt` (ms since the epoch), computed
 * locally. `role="timer"` named "TTL", with `data-seconds` (whole seconds left); 0 reads
 * "expiring".
 */
export function TtlTimer({ expiresAt }: { expiresAt: number }) {
  const now = useNow();
  const seconds = now === 0 ? null : secondsLeft(expiresAt, now);
  return (
    <span
      role="timer"
      aria-label="TTL"
      aria-live="off"
      data-seconds={seconds ?? undefined}
      className={`font-mono tabular-nums ${seconds !== null && seconds <= 5 ? "text-rose-600" : "text-violet-700"}`}
    >
      {seconds === null ? "…" : formatTtl(seconds)}
    </span>
  );
}
