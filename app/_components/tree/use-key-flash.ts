"use client";

import { useEffect, useState } from "react";
import type { Encoding } from "@/lib/contract";
import { useWatchContext } from "../../../lib/live/watch-context";

/** How long a changed key's tree row stays highlighted before fading back. */
export const FLASH_MS = 1_200;

/**
 * Whether a put to `key` arrived on the tab's watch stream in the last {@link FLASH_MS}, so its
 * tree row can flash. Only mounted (visible) rows subscribe, so a busy keyspace costs little.
 * @param key          the key (in `keyEncoding`); null for rows that are only folders
 * @param keyEncoding  the key's encoding
 */
export function useKeyFlash(key: string | null, keyEncoding: Encoding): boolean {
  const stream = useWatchContext();
  const subscribe = stream?.subscribe;
  const [flashing, setFlashing] = useState(false);

  useEffect(() => {
    if (!subscribe || key === null) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = subscribe((msg) => {
      if (msg.kind !== "change") return;
      const hit = msg.message.events.some(
        (e) => e.type === "put" && e.kv.key === key && e.kv.keyEncoding === keyEncoding,
      );
      if (!hit) return;
      setFlashing(true);
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => setFlashing(false), FLASH_MS);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [subscribe, key, keyEncoding]);

  return flashing;
}
