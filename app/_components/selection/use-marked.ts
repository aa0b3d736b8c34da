"use client";

import { useCallback, useMemo, useState } from "react";

/**
 * The tree's multi-selection: an ordered set of row ids (see marked-item.ts) and the anchor
 * row (DOM id) that Shift ranges start from.
 */
export type Marked = {
  ids: ReadonlySet<string>;
  anchor: string | null;
  /** Add or remove one row id; `anchor` becomes that row's DOM id. */
  toggle: (id: string, domId: string, alsoAdd?: string | null) => void;
  /** Replace the selection with `ids` (a Shift range), keeping the anchor. */
  replace: (ids: string[], anchor: string) => void;
  clear: () => void;
};

/** State for {@link Marked}; lives in the explorer, so the selection bar and tree share it. */
export function useMarked(): Marked {
  const [ids, setIds] = useState<ReadonlySet<string>>(new Set());
  const [anchor, setAnchor] = useState<string | null>(null);
  const toggle = useCallback((id: string, domId: string, alsoAdd?: string | null) => {
    setIds((prev) => {
      const next = new Set(prev);
      // The first Ctrl-click keeps the row opened before it in the selection, as file managers do.
      if (next.size === 0 && alsoAdd && alsoAdd !== id) next.add(alsoAdd);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
    setAnchor(domId);
  }, []);
  const replace = useCallback((list: string[], at: string) => {
    setIds(new Set(list));
    setAnchor(at);
  }, []);
  const clear = useCallback(() => {
    setIds(new Set());
    setAnchor(null);
  }, []);
  return useMemo(
    () => ({ ids, anchor, toggle, replace, clear }),
    [ids, anchor, toggle, replace, clear],
  );
}
