import { useSyncExternalStore } from "react";

/**
 * Whether the keyspace shown may be stale: the last keyspace read the gateway answered was a
 * serializable fallback (etcd had no leader; `header.serializable` in lib/contract), served by
 * `member` (a client URL). A later linearizable answer clears it.
 */
export type ReadFreshness = { stale: false } | { stale: true; member?: string };

let state: ReadFreshness = { stale: false };
const listeners = new Set<() => void>();

/** Routes whose answers are keyspace reads (the cluster and health polls are not). */
const KEYSPACE_READS = new Set(["/kv", "/tree", "/range"]);

/**
 * Record what a successful GET of `path` (below `/api/v1`) answered; only keyspace reads with a
 * `header.revision` count. Called by the fetcher.
 */
export function noteReadHeader(path: string, body: unknown): void {
  if (!KEYSPACE_READS.has(path)) return;
  const header = (body as { header?: { revision?: unknown; serializable?: unknown } } | null)
    ?.header;
  if (!header || typeof header.revision !== "string") return;
  const member = (header as { member?: unknown }).member;
  const next: ReadFreshness =
    header.serializable === true
      ? { stale: true, member: typeof member === "string" ? member : undefined }
      : { stale: false };
  if (next.stale === state.stale && (!next.stale || next.member === (state as typeof next).member))
    return;
  state = next;
  listeners.forEach((l) => l());
}

/** The current {@link ReadFreshness} (outside React). */
export const currentReadFreshness = (): ReadFreshness => state;

/** Subscribe a component to {@link ReadFreshness}. */
export function useReadFreshness(): ReadFreshness {
  return useSyncExternalStore(
    (l) => (listeners.add(l), () => void listeners.delete(l)),
    currentReadFreshness,
    currentReadFreshness,
  );
}
