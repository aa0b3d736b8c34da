"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { ancestorFolders, folderId, type FolderRef } from "@/lib/format/key-path";
import type { Selection } from "../use-selection";

/**
 * Which tree folders are open (by {@link folderId}). The root is always open. Whenever the
 * selection changes (click, deep link, jump-to-key) every folder above it is opened; a selected
 * folder itself only on first load (a deep link), so clicking an open folder can close it.
 */
export function useExpanded(selection: Selection) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(
    // The root's "/" folder holds most keyspaces, so it starts open.
    () => new Set([folderId({ prefix: "/", prefixEncoding: "utf8" })]),
  );
  const first = useRef(true);

  useEffect(() => {
    const path: FolderRef[] =
      selection.kind === "key"
        ? ancestorFolders(selection.ref)
        : selection.kind === "folder"
          ? [
              ...ancestorFolders({
                key: selection.folder.prefix,
                keyEncoding: selection.folder.prefixEncoding,
              }),
              ...(first.current ? [selection.folder] : []),
            ]
          : [];
    first.current = false;
    if (path.length === 0) return;
    setExpanded((prev) => {
      const missing = path.map(folderId).filter((id) => !prev.has(id));
      return missing.length ? new Set([...prev, ...missing]) : prev;
    });
  }, [selection]);

  const toggle = useCallback((folder: FolderRef, open?: boolean) => {
    setExpanded((prev) => {
      const id = folderId(folder);
      const next = new Set(prev);
      if (open ?? !prev.has(id)) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);

  return { expanded, toggle };
}
