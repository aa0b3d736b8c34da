import "server-only";
import type { IWatchResponse } from "etcd3";
import { getEtcd } from "../client";

/** What one raw etcd watch covers: `[key, rangeEnd)` (rangeEnd absent: the single key). */
export type WatchRange = { key: Buffer; rangeEnd?: Buffer; prevKv: boolean };

/** Callbacks of {@link openEtcdWatchStream}; they must not throw (errors are caught and logged). */
export type EtcdWatchStreamHandlers = {
  onResponse: (res: IWatchResponse) => void;
  /** The stream failed or ended; called at most once, never after `close()`. */
  onEnd: (err: Error) => void;
};

/**
 * A live etcd Watch gRPC stream carrying one watcher (the gateway side; the browser's SSE
 * connection is `WatchStream` in lib/query/watch-stream-types.ts).
 */
export type EtcdWatchStream = {
  /** Ask etcd for a progress notification (WatchProgressRequest). */
  requestProgress: () => void;
  /** Close the stream; no handler runs afterwards. */
  close: () => void;
};

/**
 * Open one etcd Watch stream (on a member picked by etcd3's pool, `hasleader` set) with a single
 * watcher on `range` from `startRevision` (absent: from now), progress_notify on.
 * This bypasses etcd3's Watcher, whose resume point can jump past undelivered history
 * (docs/etcd-notes.md, Watching).
 * @throws what etcd3 throws when no member can be reached.
 */
export async function openEtcdWatchStream(
  range: WatchRange,
  startRevision: bigint | undefined,
  handlers: EtcdWatchStreamHandlers,
): Promise<EtcdWatchStream> {
  const stream = await getEtcd().watch.watchClient.watch();
  let open = true;
  const end = (err: Error) => {
    if (!open) return;
    open = false;
    safely(() => handlers.onEnd(err));
    stream.end?.();
  };
  stream.on("data", (res: IWatchResponse) => open && safely(() => handlers.onResponse(res)));
  stream.on("error", (err: Error) => end(err));
  stream.on("end", () => end(new Error("etcd ended the watch stream")));
  stream.write({
    create_request: {
      key: range.key,
      range_end: range.rangeEnd,
      start_revision: startRevision === undefined ? undefined : startRevision.toString(),
      progress_notify: true,
      prev_kv: range.prevKv,
    },
  });
  return {
    requestProgress: () => open && stream.write({ progress_request: {} }),
    close: () => {
      if (!open) return;
      open = false;
      stream.end?.();
      (stream as unknown as { cancel?: () => void }).cancel?.();
    },
  };
}

function safely(fn: () => void) {
  try {
    fn();
  } catch (err) {
    console.error("[watch] handler threw", err);
  }
}
