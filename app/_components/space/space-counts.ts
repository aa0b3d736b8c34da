"use client";

import { useSyncExternalStore } from "react";
import { folderId, type FolderRef } from "@/lib/format/key-path";

/** A folder's size as one stats scan counted it, and the revision it was counted at. */
export type FolderCount = { keys: string; bytes: number; revision: string };

// Module-level: counts are known only once a user asked (Analyze space), and stay for the tab.
const counts = new Map<string, FolderCount>();
const listeners = new Set<() => void>();

/** Remember a folder's count (the analysed folder and each of its child folders). */
export function rememberCount(folder: FolderRef, count: FolderCount): void {
  const id = folderId(folder);
  const old = counts.get(id);
  // Never replace a count with one from an older revision.
  if (old && BigInt(old.revision) > BigInt(count.revision)) return;
  counts.set(id, count);
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * A folder's key count if a stats scan has counted it in this tab (undefined otherwise); the
 * tree shows it beside the folder's name, with the revision it was counted at.
 */
export function useFolderCount(folder: FolderRef | null): FolderCount | undefined {
  const id = folder ? folderId(folder) : null;
  return useSyncExternalStore(
    subscribe,
    () => (id === null ? undefined : counts.get(id)),
    () => undefined,
  );
}
