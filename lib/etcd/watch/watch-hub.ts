import "server-only";
import { WatchFeed, type Subscriber } from "./watch-feed";
import type { WatchRange } from "./watch-stream";

type Hub = Map<string, Set<WatchFeed>>;
const holder = globalThis as unknown as { __etcdExplorerWatchHub?: Hub };

function hub(): Hub {
  holder.__etcdExplorerWatchHub ??= new Map();
  return holder.__etcdExplorerWatchHub;
}

function rangeId(range: WatchRange): string {
  return `${range.key.toString("hex")}:${range.rangeEnd?.toString("hex") ?? ""}:${range.prevKv}`;
}

/**
 * Subscribe to changes under `range` from revision `sub.from` (undefined: from now).
 * Subscribers share one etcd watcher per range when its ring covers their start, so many
 * browser tabs cost one gRPC stream. Returns the unsubscribe function.
 */
export function subscribe(range: WatchRange, sub: Subscriber): () => void {
  // etcd reads start_revision 0 (or less) as "from now": never let a feed take it as a start.
  if (sub.from !== undefined && sub.from <= 0n) sub = { ...sub, from: undefined };
  const id = rangeId(range);
  let feeds = hub().get(id);
  if (!feeds) hub().set(id, (feeds = new Set()));
  let feed = [...feeds].find((f) => f.canServe(sub.from));
  if (!feed) {
    feed = new WatchFeed(range, sub.from, (closed) => {
      feeds.delete(closed);
      if (feeds.size === 0) hub().delete(id);
    });
    feeds.add(feed);
  }
  feed.attach(sub);
  const joined = feed;
  return () => joined.detach(sub);
}

/** How many etcd watchers (feeds) are open, per range — for tests and diagnostics. */
export function openFeedCount(): number {
  let n = 0;
  for (const feeds of hub().values()) n += feeds.size;
  return n;
}

/**
 * Close every etcd watcher and drop every subscriber (on shutdown; tests use it to act out a
 * gateway restart). Open SSE streams stop receiving; browsers reconnect with Last-Event-ID.
 */
export function closeAllFeeds(): void {
  for (const feeds of [...hub().values()]) for (const feed of [...feeds]) feed.close();
}
