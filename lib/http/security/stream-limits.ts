import type { SecurityConfig } from "./config";

const perClient = new Map<string, number>();
let total = 0;

/**
 * Reserve one SSE stream slot for `client`. Returns the release function (call exactly once when
 * the stream ends), or null when the client or the gateway is at its cap.
 */
export function acquireStream(client: string, config: SecurityConfig): (() => void) | null {
  const mine = perClient.get(client) ?? 0;
  if (mine >= config.maxStreamsPerClient || total >= config.maxStreams) return null;
  perClient.set(client, mine + 1);
  total++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    total--;
    const left = (perClient.get(client) ?? 1) - 1;
    if (left > 0) perClient.set(client, left);
    else perClient.delete(client);
  };
}

/** Streams open right now (for tests and diagnostics). */
export function openStreams(): { total: number; clients: number } {
  return { total, clients: perClient.size };
}
