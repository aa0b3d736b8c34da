/**
 * When a lease countdown turns red and when the UI re-reads a lease (pure arithmetic, times in
 * ms since the epoch unless named `…Seconds`).
 *
 * Keep-alive clients (etcd3, clientv3, `etcdctl lease keep-alive`) renew every TTL/3, so a lease
 * that is kept alive never shows less than 2/3 of its granted TTL left in etcd. The countdown
 * only ticks locally between reads, so without a re-read it would fall to "expiring" between
 * renewals: the UI re-reads a lease just before it would turn red and again just before it would
 * show 1 s, and shows a renewal (expiry moved later) as such.
 */

/** Longest a displayed lease goes without a re-read (catches revokes and other drift), in ms. */
export const LEASE_RESYNC_MS = 10_000;
/**
 * Shortest gap between two reads of one lease, in ms: a lease close to expiry is read every
 * 0.75–1 s, so a 5 s lease kept alive every 1.7 s (never under 3.3 s left) never shows 1 s.
 */
export const MIN_LEASE_READ_MS = 750;
/**
 * How long before a countdown crosses a threshold the re-read is sent, in ms (room for the
 * request's latency on a busy host).
 */
export const LEASE_READ_LEAD_MS = 1_000;
/** Reads land on this wall-clock grid so leases due close together share one batch, in ms. */
export const LEASE_READ_GRID_MS = 250;
/**
 * A lease read goes out with every other lease on the page whose own re-read is due within this
 * long, in ms, so leases shown together are read in one request and stay in step.
 */
export const LEASE_PIGGYBACK_MS = 2_000;
/**
 * An expiry moving later by more than this between two reads is a renewal, in ms: etcd's TTLs
 * are whole seconds, so two reads of a lease nobody renews can disagree by up to 1 s.
 */
export const RENEWAL_JUMP_MS = 1_500;
/** How long a countdown shows its "renewed" mark, in ms. */
export const RENEWED_MARK_MS = 3_000;

/**
 * The absolute expiry (ms since the epoch) of a lease etcd reported `ttlSeconds` for at `readAt`.
 * etcd rounds the remaining TTL down to whole seconds (the lease expires in [ttl, ttl + 1) s), so
 * the estimate takes the middle of that second: off by at most ½ s either way.
 */
export function expiryFromTtl(ttlSeconds: number, readAt: number): number {
  return readAt + ttlSeconds * 1000 + 500;
}

/**
 * Remaining whole seconds at or below which a countdown turns red: a third of the granted TTL
 * (a kept-alive lease never gets there), at most 5 s and at least 1 s; 5 s when unknown.
 */
export function urgentSeconds(grantedTtl?: number): number {
  if (grantedTtl === undefined) return 5;
  return Math.max(1, Math.min(5, Math.floor(grantedTtl / 3)));
}

/**
 * How long to wait before re-reading a lease that expires at `expiresAt` (as last read), in ms:
 * until {@link LEASE_READ_LEAD_MS} before its countdown would turn red, then until that long
 * before it would show 1 s, then every {@link MIN_LEASE_READ_MS} until etcd says it is gone;
 * never longer than {@link LEASE_RESYNC_MS} (plus alignment). Lands on a {@link LEASE_READ_GRID_MS}
 * boundary of wall time (early if possible, never before {@link MIN_LEASE_READ_MS}) so leases due
 * together are read in one request.
 */
export function nextLeaseReadMs(expiresAt: number, grantedTtl: number, now: number): number {
  const remaining = expiresAt - now;
  // A countdown shows floor(remaining / 1 s): it shows `s` once remaining < (s + 1) s.
  const checkpoints = [urgentSeconds(grantedTtl) + 1, 2].map((s) => s * 1000 + LEASE_READ_LEAD_MS);
  const next = checkpoints.filter((c) => c < remaining).sort((a, b) => b - a)[0];
  const wait = Math.min(LEASE_RESYNC_MS, next === undefined ? 0 : remaining - next);
  const grid = (t: number) => Math.floor(t / LEASE_READ_GRID_MS) * LEASE_READ_GRID_MS;
  const aligned = grid(now + Math.max(MIN_LEASE_READ_MS, wait)) - now;
  return aligned >= MIN_LEASE_READ_MS ? aligned : aligned + LEASE_READ_GRID_MS;
}
