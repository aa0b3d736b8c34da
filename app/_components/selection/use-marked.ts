"use client";

import { useCallback, useMemo, useRef, useState } from "react";

/**
 * The tree's multi-selection: an ordered set of row ids (see marked-item.ts) and the anchor
 * row (DOM id) that Shift ranges start from.
 */
export type Marked = {
  ids: ReadonlySet<string>;
  /**
   * The anchor now, also between a key press and React's next render (fast or held-down
   * Shift+arrows each extend from the current anchor); null when none.
   */
  anchorNow: () => string | null;
  /** Add or remove one row id; the anchor becomes that row's DOM id. `alsoAdd`: see below. */
  toggle: (id: string, domId: string, alsoAdd?: string | null) => void;
  /** Replace the selection with `ids` (a Shift range), anchored at `anchor`. */
  replace: (ids: string[], anchor: string) => void;
  clear: () => void;
};

/**
 * State for {@link Marked}; lives in the explorer, so the selection bar and tree share it. Kept
 * in a ref too, updated synchronously, so consecutive key presses build on each other before
 * React re-renders. The first toggle also adds `alsoAdd` (the row opened before), as file
 * managers keep the clicked row when Ctrl-click starts a selection.
 * @param scope what the selected rows belong to (the explorer passes its as-of revision, or
 *   "live"): when it changes the selection is empty, so rows picked in one revision's view are
 *   never acted on in another's.
 */
export function useMarked(scope = ""): Marked {
  const [state, setState] = useState<{ scope: string; ids: ReadonlySet<string> }>(() => ({
    scope,
    ids: new Set(),
  }));
  const now = useRef<{ scope: string; ids: ReadonlySet<string>; anchor: string | null }>({
    scope,
    ids: new Set(),
    anchor: null,
  });
  const set = useCallback(
    (next: ReadonlySet<string>, anchor: string | null) => {
      now.current = { scope, ids: next, anchor };
      setState({ scope, ids: next });
    },
    [scope],
  );
  /** The selection now, empty when it was made under another scope. */
  const current = useCallback(
    () => (now.current.scope === scope ? now.current : { ids: new Set<string>(), anchor: null }),
    [scope],
  );
  const toggle = useCallback(
    (id: string, domId: string, alsoAdd?: string | null) => {
      const next = new Set(current().ids);
      if (next.size === 0 && alsoAdd && alsoAdd !== id) next.add(alsoAdd);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      set(next, domId);
    },
    [set, current],
  );
  const replace = useCallback((list: string[], at: string) => set(new Set(list), at), [set]);
  const clear = useCallback(() => set(new Set(), null), [set]);
  const anchorNow = useCallback(() => current().anchor, [current]);
  const ids = state.scope === scope ? state.ids : EMPTY;
  return useMemo(
    () => ({ ids, anchorNow, toggle, replace, clear }),
    [ids, anchorNow, toggle, replace, clear],
  );
}

const EMPTY: ReadonlySet<string> = new Set();
