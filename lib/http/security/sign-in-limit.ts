/** Failed sign-ins one client address may make per {@link SIGN_IN_WINDOW_MS}. */
export const SIGN_IN_FAILURES_PER_CLIENT = 5;

/**
 * Failed sign-ins all clients together may make per {@link SIGN_IN_WINDOW_MS}. The client
 * address comes from `X-Forwarded-For`, which a client can choose itself; this cap bounds the
 * guesses of one that invents a new address per try (at the price of refusing every sign-in for
 * up to a minute while under such an attack; bearer tokens keep working).
 */
export const SIGN_IN_FAILURES_TOTAL = 50;

/** The sliding window the caps count failures in, in milliseconds. */
export const SIGN_IN_WINDOW_MS = 60_000;

/** Times (ms) of recent failures per client, oldest first, and of all failures. */
const perClient = new Map<string, number[]>();
let all: number[] = [];

const recent = (times: number[], now: number) => times.filter((t) => t > now - SIGN_IN_WINDOW_MS);

/**
 * Whether `client` must wait before trying to sign in again.
 * @returns the wait in whole seconds (for `Retry-After`, at least 1), or null when it may try.
 */
export function signInWait(client: string, now = Date.now()): number | null {
  all = recent(all, now);
  const mine = recent(perClient.get(client) ?? [], now);
  let until = 0;
  if (mine.length >= SIGN_IN_FAILURES_PER_CLIENT)
    until = mine[mine.length - SIGN_IN_FAILURES_PER_CLIENT] + SIGN_IN_WINDOW_MS;
  if (all.length >= SIGN_IN_FAILURES_TOTAL)
    until = Math.max(until, all[all.length - SIGN_IN_FAILURES_TOTAL] + SIGN_IN_WINDOW_MS);
  return until > now ? Math.max(1, Math.ceil((until - now) / 1000)) : null;
}

/** Count a failed sign-in (wrong token) by `client`. */
export function noteSignInFailure(client: string, now = Date.now()): void {
  for (const [c, times] of perClient) {
    const left = recent(times, now);
    if (left.length) perClient.set(c, left);
    else perClient.delete(c);
  }
  perClient.set(client, [...(perClient.get(client) ?? []), now]);
  all = [...recent(all, now), now];
}

/** Forget `client`'s failures (after it signed in). */
export function clearSignInFailures(client: string): void {
  perClient.delete(client);
}
