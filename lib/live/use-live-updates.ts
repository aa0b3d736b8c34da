"use client";

import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { GetKvResponse, WatchEventDto } from "@/lib/contract";
import { ancestorFolders, folderId, ROOT_FOLDER, type FolderRef } from "@/lib/format/key-path";
import { invalidateFolder } from "@/lib/query/invalidate";
import { kvKeys } from "@/lib/query/keys";
import { throttlePerId } from "@/lib/query/throttle-per-id";
import type { WatchStream } from "@/lib/live/use-watch-stream";
import { getDraft } from "../drafts";

/** A folder listing is refetched at most this often while its keys keep changing. */
export const TREE_THROTTLE_MS = 500;

/** Apply one watch event to the single-key cache (docs/architecture.md: live data rule). */
function applyToKey(qc: QueryClient, ev: WatchEventDto): void {
  const queryKey = kvKeys.key(ev.kv.key, ev.kv.keyEncoding);
  if (ev.type === "put") {
    // A replayed (historic) put must not roll the cached value back.
    let staleDecoded = false;
    qc.setQueryData<GetKvResponse>(queryKey, (old) => {
      if (!old || BigInt(ev.kv.modRevision) < BigInt(old.kv.modRevision)) return old;
      // The gateway's Kubernetes decoding (`decoded`) belonged to the old value: read it again.
      staleDecoded = old.decoded !== undefined && ev.kv.modRevision !== old.kv.modRevision;
      const { decoded, ...rest } = old;
      return { ...rest, kv: ev.kv, ...(staleDecoded ? {} : decoded && { decoded }) };
    });
    if (staleDecoded) void qc.invalidateQueries({ queryKey, refetchType: "active" });
    return;
  }
  // A deleted key that is being edited keeps its editor (and its notice) instead of turning
  // into "key not found" under the user's hands; it is refetched when they leave the editor.
  const editing = getDraft(`${ev.kv.keyEncoding}:${ev.kv.key}`) !== undefined;
  void qc.invalidateQueries({ queryKey, refetchType: editing ? "none" : "active" });
}

/**
 * Keep the explorer's caches live from the tab's watch stream: a changed key's cache entry is
 * updated (put) or refetched (delete) at once; the folder listings on its path and the prefix
 * counts are refetched, throttled to once per {@link TREE_THROTTLE_MS} per folder. A `reset`
 * (history compacted) drops every cached read so everything is re-listed.
 * @param stream  the tab's watch stream (useWatchStream)
 */
export function useLiveUpdates(stream: WatchStream): void {
  const qc = useQueryClient();
  const { subscribe } = stream;

  useEffect(() => {
    const throttle = throttlePerId(TREE_THROTTLE_MS);
    const refreshFolder = (f: FolderRef) =>
      throttle.run(`tree:${folderId(f)}`, () => {
        void qc.invalidateQueries({ queryKey: kvKeys.tree(f.prefix, f.prefixEncoding) });
      });
    const unsubscribe = subscribe((msg) => {
      if (msg.kind === "reset") {
        void invalidateFolder(qc);
        return;
      }
      for (const ev of msg.message.events) {
        applyToKey(qc, ev);
        // A new key can create folders all the way up; a delete can empty them.
        for (const f of [ROOT_FOLDER, ...ancestorFolders(ev.kv)]) refreshFolder(f);
      }
      throttle.run("counts", () => {
        void qc.invalidateQueries({ queryKey: kvKeys.counts() });
      });
    });
    return () => {
      unsubscribe();
      throttle.cancel();
    };
  }, [qc, subscribe]);
}
