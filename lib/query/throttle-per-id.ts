import { throttle } from "throttle-debounce";

/** A leading + trailing throttle per id (see {@link throttlePerId}). */
export type ThrottlePerId = {
  /** Run `fn` for `id` now, or once more at the end of `id`'s window if one is open. */
  run: (id: string, fn: () => void) => void;
  /** Drop every pending trailing run (on unmount). */
  cancel: () => void;
};

/**
 * A throttle (throttle-debounce's) per id: the first call for an id runs at once, calls within
 * `ms` after a run are folded into one more run at the end of the window, which opens a window
 * of its own. A later call's `fn` replaces an earlier pending one. An id quiet for 2·`ms` is
 * forgotten (its window and any trailing run are over, so a fresh throttle behaves the same):
 * ids that stop changing don't pile up in a long-lived tab.
 */
export function throttlePerId(ms: number): ThrottlePerId {
  type Entry = {
    fn: () => void;
    throttled: throttle<() => void>;
    idle?: ReturnType<typeof setTimeout>;
  };
  const entries = new Map<string, Entry>();
  const run = (id: string, fn: () => void) => {
    let entry = entries.get(id);
    if (entry) {
      entry.fn = fn;
    } else {
      const created: Entry = { fn, throttled: throttle(ms, () => created.fn()) };
      entries.set(id, (entry = created));
    }
    clearTimeout(entry.idle);
    entry.idle = setTimeout(() => entries.delete(id), 2 * ms);
    entry.throttled();
  };
  const cancel = () => {
    for (const e of entries.values()) {
      e.throttled.cancel();
      clearTimeout(e.idle);
    }
    entries.clear();
  };
  return { run, cancel };
}
