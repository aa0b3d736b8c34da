import { useSyncExternalStore } from "react";
import { isUnavailable } from "./api-error";

/** A message shown in the error toasts. `id` is unique per report. */
export type ErrorToast = { id: number; message: string };

/** `downSince`: when the banner was raised (ms since the epoch), 0 while etcd is up. */
type State = { etcdDown: boolean; downMessage: string; downSince: number; toasts: ErrorToast[] };

let state: State = { etcdDown: false, downMessage: "", downSince: 0, toasts: [] };
let nextId = 1;
const listeners = new Set<() => void>();

function set(next: Partial<State>) {
  state = { ...state, ...next };
  listeners.forEach((l) => l());
}

/**
 * The single global error path: an unavailable etcd/gateway (503, 504, no response) raises the
 * banner; any other error becomes a toast unless `quiet` (the caller shows it inline).
 */
export function reportError(err: unknown, opts: { quiet?: boolean } = {}): void {
  if (isUnavailable(err)) {
    if (!state.etcdDown)
      set({ etcdDown: true, downMessage: (err as Error).message, downSince: Date.now() });
    return;
  }
  if (opts.quiet) return;
  const message = err instanceof Error ? err.message : String(err);
  set({ toasts: [...state.toasts.slice(-2), { id: nextId++, message }] });
}

/** Clear the banner (health answered 200 again). */
export function markEtcdUp(): void {
  if (state.etcdDown) set({ etcdDown: false, downMessage: "", downSince: 0 });
}

/** Mark etcd unreachable (health answered 503 or not at all). */
export function markEtcdDown(message: string): void {
  if (!state.etcdDown || state.downMessage !== message)
    set({ etcdDown: true, downMessage: message, downSince: state.downSince || Date.now() });
}

/** Remove one toast. */
export function dismissToast(id: number): void {
  set({ toasts: state.toasts.filter((t) => t.id !== id) });
}

/** Subscribe a component to the error state (banner + toasts). */
export function useErrorState(): State {
  return useSyncExternalStore(
    (l) => (listeners.add(l), () => void listeners.delete(l)),
    () => state,
    () => state,
  );
}
