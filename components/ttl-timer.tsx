"use client";

import { RefreshCw, Timer } from "lucide-react";
import { useState } from "react";
import { RENEWAL_JUMP_MS, RENEWED_MARK_MS, urgentSeconds } from "@/lib/format/lease-timing";
import { formatTtl, secondsLeft } from "@/lib/format/ttl";
import { useNow } from "@/lib/query/use-now";

/**
 * A remaining TTL counting down each second from `expiresAt` (ms since the epoch), computed
 * locally. `role="timer"` named "TTL", with `data-seconds` (whole seconds left); 0 reads
 * "expiring", `expired` reads "expired", no `expiresAt` yet reads "…". Red once a third of the
 * granted TTL (at most 5 s) is left — a kept-alive lease never gets there. When a new
 * `expiresAt` lies more than 1.5 s after the previous one the lease was renewed: the timer shows
 * a renewal icon and "renewed" (the icon alone when compact) for 3 s and carries `data-renewed`.
 * @prop expiresAt   absolute expiry, ms since the epoch (undefined while unknown)
 * @prop grantedTtl  the lease's granted TTL in seconds (sets when it turns red; 5 s if unknown)
 * @prop expired     the lease is gone (revoked or expired)
 * @prop compact     smaller styling with a timer icon, for tree rows
 * @prop title       tooltip text
 */
export function TtlTimer({
  expiresAt,
  grantedTtl,
  expired = false,
  compact = false,
  title,
}: {
  expiresAt?: number;
  grantedTtl?: number;
  expired?: boolean;
  compact?: boolean;
  title?: string;
}) {
  const now = useNow();
  const renewed = useRenewedMark(expired ? undefined : expiresAt, now);
  const seconds =
    expired || expiresAt === undefined || now === 0 ? null : secondsLeft(expiresAt, now);
  const urgent = expired || (seconds !== null && seconds <= urgentSeconds(grantedTtl));
  return (
    <span
      role="timer"
      aria-label="TTL"
      aria-live="off"
      data-seconds={seconds ?? undefined}
      data-renewed={renewed ? "" : undefined}
      title={title}
      className={`inline-flex items-center gap-0.5 font-mono tabular-nums ${compact ? "text-[10px]" : "text-xs"} ${urgent ? "text-rose-700" : "text-violet-700"}`}
    >
      {compact ? <Timer aria-hidden size={10} /> : null}
      {expired ? "expired" : seconds === null ? "…" : formatTtl(seconds)}
      {renewed ? (
        <span
          className="ml-1 inline-flex items-center gap-0.5 text-emerald-700"
          title="The lease was renewed (kept alive)"
        >
          <RefreshCw
            aria-label={compact ? "renewed" : undefined}
            aria-hidden={!compact}
            size={compact ? 10 : 12}
          />
          {compact ? null : "renewed"}
        </span>
      ) : null}
    </span>
  );
}

/**
 * Whether `expiresAt` jumped later by more than {@link RENEWAL_JUMP_MS} within the last
 * {@link RENEWED_MARK_MS} (`now` from the shared ticker, 0 before it runs).
 */
function useRenewedMark(expiresAt: number | undefined, now: number): boolean {
  const [seen, setSeen] = useState(expiresAt);
  const [renewedAt, setRenewedAt] = useState<number | null>(null);
  if (expiresAt !== seen) {
    // Adjusting state while rendering (React's pattern for "compare with the previous prop").
    setSeen(expiresAt);
    if (seen !== undefined && expiresAt !== undefined && expiresAt - seen > RENEWAL_JUMP_MS) {
      setRenewedAt(now);
    }
  }
  return renewedAt !== null && now > 0 && now - renewedAt < RENEWED_MARK_MS;
}
