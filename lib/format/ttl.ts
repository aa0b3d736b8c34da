/**
 * Whole seconds left until `expiresAt` (ms since the epoch) at `now` (ms), never below 0.
 * Rounded down, as etcd reports TTLs.
 */
export function secondsLeft(expiresAt: number, now: number): number {
  return Math.max(0, Math.floor((expiresAt - now) / 1000));
}

/** A TTL in seconds as people read it: `42s`, `3m 05s`, `2h 03m`; 0 reads "expiring". */
export function formatTtl(seconds: number): string {
  if (seconds <= 0) return "expiring";
  if (seconds < 60) return `${seconds}s`;
  const pad = (n: number) => String(n).padStart(2, "0");
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${pad(seconds % 60)}s`;
  if (seconds < 86_400)
    return `${Math.floor(seconds / 3600)}h ${pad(Math.floor(seconds / 60) % 60)}m`;
  return `${Math.floor(seconds / 86_400)}d ${pad(Math.floor(seconds / 3600) % 24)}h`;
}
