import type { WatchStreamState, WatchStreamStatus } from "./watch-stream-types";

/**
 * A connected stream with no confirmation (`ready`, `change`, `progress`, `heartbeat`, `reset`)
 * for longer than this (ms) is shown as "etcd not answering". The gateway sends a heartbeat
 * about every 5 s while etcd answers, so 12 s is two missed heartbeats plus slack, and the
 * footer turns amber within 15 s of etcd going away.
 */
export const STALE_AFTER_MS = 12_000;

/** What the footer shows: the connection's status, or `stale` (connected, but etcd silent). */
export type StreamHealthStatus = WatchStreamStatus | "stale";

/** The stream's shown health at one moment. */
export type StreamHealth = {
  status: StreamHealthStatus;
  /** Whole seconds since the last confirmation (null: none yet). */
  confirmedAgoS: number | null;
};

/**
 * The stream's health as the footer shows it at `now` (ms): a connected stream whose last
 * confirmation is older than {@link STALE_AFTER_MS} — or while the header knows etcd is down
 * (`etcdDown`), so the two never disagree with a green footer under a red header — is `stale`;
 * every other status is the connection's own.
 * @param state     the watch stream's state
 * @param now       `Date.now()`
 * @param etcdDown  the header / banner says etcd is unreachable
 */
export function streamHealth(
  state: WatchStreamState,
  now: number,
  etcdDown: boolean,
): StreamHealth {
  const confirmedAgoS =
    state.confirmedAt === null ? null : Math.max(0, Math.floor((now - state.confirmedAt) / 1000));
  if (state.status !== "connected") return { status: state.status, confirmedAgoS };
  const silent = state.confirmedAt === null || now - state.confirmedAt > STALE_AFTER_MS;
  return { status: silent || etcdDown ? "stale" : "connected", confirmedAgoS };
}
