import type { PermissionsResponse } from "@/lib/contract";
import { WATCH_URL } from "./watch-stream-types";

/** What the tab's watch covers: its URL, and a sentence for the user when it isn't everything. */
export type WatchScope = { url: string; note: string | null };

/**
 * The tab's watch for the gateway's etcd user. Everything ({@link WATCH_URL}) without auth, for
 * root, for a role that reads the whole keyspace, and when permissions are unknown. A user etcd
 * won't let watch every key (watching all keys would be refused with a 403) watches the first
 * prefix it may read instead (or else the first single key), and `note` says so; with nothing
 * readable it stays on everything, and the refusal's message is what the user sees.
 */
export function watchScope(perms: PermissionsResponse | undefined): WatchScope {
  if (!perms || !perms.auth || perms.root) return { url: WATCH_URL, note: null };
  const readable = perms.ranges.filter((r) => r.access !== "write");
  if (readable.some((r) => r.prefix && r.key === "")) return { url: WATCH_URL, note: null };
  const user = JSON.stringify(perms.user);
  const prefix = readable.find((r) => r.prefix);
  if (prefix) {
    const enc = prefix.keyEncoding === "utf8" ? "" : `&prefixEncoding=${prefix.keyEncoding}`;
    return {
      url: `/api/v1/watch?prefix=${encodeURIComponent(prefix.key)}${enc}&prevKv=1`,
      note: `etcd doesn't let user ${user} watch all keys; watching keys under ${shown(prefix)} (the first prefix it may read)`,
    };
  }
  const key = readable.find((r) => r.rangeEnd === null);
  if (key) {
    const enc = key.keyEncoding === "utf8" ? "" : `&keyEncoding=${key.keyEncoding}`;
    return {
      url: `/api/v1/watch?key=${encodeURIComponent(key.key)}${enc}&prevKv=1`,
      note: `etcd doesn't let user ${user} watch all keys; watching the key ${shown(key)} (the first key it may read)`,
    };
  }
  return { url: WATCH_URL, note: null };
}

function shown(r: { key: string; keyEncoding: string }): string {
  return r.keyEncoding === "utf8" ? JSON.stringify(r.key) : `base64:${r.key}`;
}
