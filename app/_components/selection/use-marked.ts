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
 */
export function useMarked(): Marked {
  const [ids, setIds] = useState<ReadonlySet<string>>(new Set());
  const now = useRef<{ ids: ReadonlySet<string>; anchor: string | null }>({
    ids: new Set(),
    anchor: null,
  });
  const set = useCallback((next: ReadonlySet<string>, anchor: string | null) => {
    now.current = { ids: next, anchor };
    setIds(next);
  }, []);
  const toggle = useCallback(
    (id: string, domId: string, alsoAdd?: string | null) => {
      const next = new Set(now.current.ids);
      if (next.size === 0 && alsoAdd && alsoAdd !== id) next.add(alsoAdd);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      set(next, domId);
    },
    [set],
  );
  const replace = useCallback((list: string[], at: string) => set(new Set(list), at), [set]);
  const clear = useCallback(() => set(new Set(), null), [set]);
  const anchorNow = useCallback(() => now.current.anchor, []);
  return useMemo(
    () => ({ ids, anchorNow, toggle, replace, clear }),
    [ids, anchorNow, toggle, replace, clear],
  );
}
