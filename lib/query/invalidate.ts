import type { QueryClient } from "@tanstack/react-query";
import { ancestorFolders, ROOT_FOLDER, type KeyRef } from "@/lib/format/key-path";
import { kvKeys } from "./keys";

/**
 * Refresh what a write to one key can change: the key itself and every folder listing on its
 * path (a new key can create folders all the way up), plus prefix counts.
 * `refetchKey: false` marks the key stale without refetching it now (used after a delete).
 */
export function invalidateKey(
  qc: QueryClient,
  ref: KeyRef,
  opts: { refetchKey?: boolean } = {},
): Promise<void> {
  const folders = [ROOT_FOLDER, ...ancestorFolders(ref)];
  return Promise.all([
    qc.invalidateQueries({
      queryKey: kvKeys.key(ref.key, ref.keyEncoding),
      // After a delete the pane navigates away; refetching now would flash "key not found".
      refetchType: opts.refetchKey === false ? "none" : "active",
    }),
    ...folders.map((f) =>
      qc.invalidateQueries({ queryKey: kvKeys.tree(f.prefix, f.prefixEncoding) }),
    ),
    qc.invalidateQueries({ queryKey: kvKeys.counts() }),
  ]).then(() => undefined);
}

/**
 * Refresh after a folder was deleted: every key read (any of them may be gone), every folder
 * listing (the folder and those above it may have emptied) and counts.
 */
export function invalidateFolder(qc: QueryClient): Promise<void> {
  return Promise.all([
    qc.invalidateQueries({ queryKey: kvKeys.keys() }),
    qc.invalidateQueries({ queryKey: kvKeys.trees() }),
    qc.invalidateQueries({ queryKey: kvKeys.counts() }),
  ]).then(() => undefined);
}
