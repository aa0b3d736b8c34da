"use client";

import { formatTtl, secondsLeft } from "@/lib/format/ttl";
import { useNow } from "@/lib/query/use-now";

/**
 * A remaining TTL counting down each second from `expiresAt` (ms since the epoch), computed
 * locally. `role="timer"` named "TTL", with `data-seconds` (whole seconds left); 0 reads
 * "expiring", `expired` reads "expired", no `expiresAt` yet reads "…".
 * @prop expiresAt  absolute expiry, ms since the epoch (undefined while unknown)
 * @prop expired    the lease is gone (revoked or expired)
 * @prop compact    smaller styling with a clock glyph, for tree rows
 * @prop title      tooltip text
 */
export function TtlTimer({
  expiresAt,
  expired = false,
  compact = false,
  title,
}: {
  expiresAt?: number;
  expired?: boolean;
  compact?: boolean;
  title?: string;
}) {
  const now = useNow();
  const seconds =
    expired || expiresAt === undefined || now === 0 ? null : secondsLeft(expiresAt, now);
  const urgent = expired || (seconds !== null && seconds <= 5);
  return (
    <span
      role="timer"
      aria-label="TTL"
      aria-live="off"
      data-seconds={seconds ?? undefined}
      title={title}
      className={`font-mono tabular-nums ${compact ? "text-[10px]" : "text-xs"} ${urgent ? "text-rose-600" : "text-violet-700"}`}
    >
      {compact ? "⏱ " : ""}
      {expired ? "expired" : seconds === null ? "…" : formatTtl(seconds)}
    </span>
  );
}
