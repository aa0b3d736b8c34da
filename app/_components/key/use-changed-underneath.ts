"use client";

import { useEffect, useRef, useState } from "react";
import type { WatchEventDto } from "@/lib/contract";
import type { KeyRef } from "@/lib/format/key-path";
import { useWatchContext } from "../../../lib/live/watch-context";

/** The latest change to a key made after an edit began: its revision and event type. */
export type ChangedUnderneath = { revision: string; type: WatchEventDto["type"] };

/**
 * Watch the tab's stream for changes to `ref` above `base` (the modRevision the edit is based
 * on) while the user edits it. Events that arrive while our own save is in flight are ignored
 * (they are most likely that save). Resets when `base` moves (e.g. "keep editing" after a
 * conflict rebases the edit).
 * @param ref      the key being edited
 * @param base     the modRevision the edit started from
 * @param saving   our own save is in flight
 */
export function useChangedUnderneath(
  ref: KeyRef,
  base: string,
  saving: boolean,
): ChangedUnderneath | null {
  const stream = useWatchContext();
  const [changed, setChanged] = useState<ChangedUnderneath | null>(null);
  const [seenBase, setSeenBase] = useState(base);
  const savingRef = useRef(saving);
  const subscribe = stream?.subscribe;
  const { key, keyEncoding } = ref;

  // A new base means the user has taken the other writer's revision into account.
  if (seenBase !== base) {
    setSeenBase(base);
    setChanged(null);
  }
  useEffect(() => {
    savingRef.current = saving;
  }, [saving]);

  useEffect(() => {
    if (!subscribe) return;
    return subscribe((msg) => {
      if (msg.kind !== "change" || savingRef.current) return;
      const ev = msg.message.events.findLast(
        (e) => e.kv.key === key && e.kv.keyEncoding === keyEncoding,
      );
      if (!ev || BigInt(msg.message.revision) <= BigInt(base)) return;
      setChanged({ revision: msg.message.revision, type: ev.type });
    });
  }, [subscribe, key, keyEncoding, base]);

  return changed;
}
