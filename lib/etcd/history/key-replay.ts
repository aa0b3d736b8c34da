import "server-only";
import type { IKeyValue, IWatchResponse } from "etcd3";
import { GatewayError } from "@/lib/errors/gateway-error";
import { permissionDenied } from "../access";
import { keyAfter } from "../bytes";
import { getEtcd, UNARY_DEADLINE_MS } from "../client";

/** One event of a key as a watch replay returns it (`prevKv`: the key just before it). */
export type KeyEvent = {
  type: "put" | "delete";
  revision: bigint;
  kv: IKeyValue;
  prevKv?: IKeyValue;
};

/**
 * etcd 3.4's catch-up batch size (mvcc `watchBatchMaxRevs`): a replay response holding this many
 * distinct revisions may be followed by more; one holding fewer carries every event of the
 * watcher up to the store revision of that sync pass.
 */
const WATCH_BATCH_MAX_REVS = 1_000;
/**
 * How long the replay may take before it is given up, in ms: longer than a unary call's
 * deadline, since etcd reads the store's whole history since the compaction (about 1.6 s for
 * 200k revisions on a loaded 2-core machine, bench/history).
 */
const REPLAY_DEADLINE_MS = 6 * UNARY_DEADLINE_MS;
/** The end of a replay when no barrier watcher can be used (see below), in ms. */
const BLIND_WAIT_MS = 1_000;

/** What {@link replayKeyEvents} needs to know about the store. */
export type ReplayBounds = {
  /** First revision to replay (compaction revision + 1, at least 1). */
  start: bigint;
  /** Every event at or below this revision is wanted. */
  upTo: bigint;
  /** The store revision read before the replay starts (it has at least one event). */
  pinned: bigint;
  /** The store was compacted above revision 1 (a watch from revision 1 is refused at once). */
  compacted: boolean;
};

/**
 * Every event of the single key `key` from `start` to at least `upTo`, oldest first (etcd Watch
 * from a past revision with prev_kv, on a stream of its own, closed before returning).
 *
 * Cost on etcd: a catching-up watcher makes etcd read **every revision from `start` to the
 * store's current revision** out of its backend and keep the events of this key (etcd 3.4
 * `syncWatchers`), in one sync pass per 1,000 revisions holding events of the key; a sync pass
 * runs every 100 ms.
 *
 * When the replay is complete: etcd sends nothing for a key without events, and a requested
 * progress does not wait for a catching-up watcher on 3.4.23 (etcd-io/etcd#15220). So it ends on
 * the first of:
 * - an event above `upTo` (a watcher's events come in revision order);
 * - a response holding fewer than 1,000 revisions (all events up to that pass's store revision,
 *   which is ≥ `pinned`);
 * - a barrier: a second watcher created after the first one that is certain to get an answer in
 *   its sync pass (a watch from revision 1, cancelled as compacted, on a compacted store; else a
 *   watch of the whole keyspace from `pinned`, whose revision has events), then a third one
 *   created after that answer. Creating a watcher waits for a running sync pass, and all of a
 *   stream's answers share one ordered channel, so the third answer comes after everything the
 *   replay's pass sent. When etcd refuses the whole-keyspace watcher (a restricted etcd user),
 *   the replay ends {@link BLIND_WAIT_MS} after the barrier was refused.
 * @throws GatewayError 410 when the replay start was compacted meanwhile, 403 naming the key,
 *   504 after {@link REPLAY_DEADLINE_MS}; etcd3's errors when the stream fails.
 */
export async function replayKeyEvents(key: Buffer, bounds: ReplayBounds): Promise<KeyEvent[]> {
  const stream = await getEtcd().watch.watchClient.watch();
  const events: KeyEvent[] = [];
  return new Promise<KeyEvent[]>((resolve, reject) => {
    let settled = false;
    // Create requests are answered in order: each `created` names the next watcher's role.
    const roles: ("replay" | "barrier1" | "barrier2")[] = [];
    let replayId: string | undefined;
    const barrierIds = new Map<string, "barrier1" | "barrier2">();
    let lastBatchFull = false;
    let blindTimer: NodeJS.Timeout | undefined;

    const finish = (err?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      clearTimeout(blindTimer);
      // Later answers are ignored (`settled`); a late cancel error must not go unhandled.
      stream.on("error", () => undefined);
      stream.end?.();
      (stream as unknown as { cancel?: () => void }).cancel?.();
      if (err) reject(err);
      else resolve(events);
    };
    const deadline = setTimeout(
      () => finish(new GatewayError("etcd_timeout", "etcd did not finish replaying the history")),
      REPLAY_DEADLINE_MS,
    );

    const create = (role: "replay" | "barrier1" | "barrier2") => {
      roles.push(role);
      const barrierRange =
        role === "replay"
          ? undefined
          : bounds.compacted
            ? { key, range_end: keyAfter(key), start_revision: "1" }
            : {
                key: Buffer.from([0]),
                range_end: Buffer.from([0]),
                start_revision: String(bounds.pinned),
              };
      stream.write({
        create_request:
          role === "replay"
            ? {
                key,
                range_end: keyAfter(key),
                start_revision: bounds.start.toString(),
                prev_kv: true,
              }
            : barrierRange,
      });
    };

    const onBarrierAnswer = (role: "barrier1" | "barrier2") => {
      if (role === "barrier1") return create("barrier2");
      if (lastBatchFull) return create("barrier1"); // the replay may go on in a later pass
      finish();
    };

    stream.on("data", (res: IWatchResponse) => {
      if (settled) return;
      if (res.created) {
        const role = roles.shift();
        const refused = res.canceled;
        if (role === "replay") {
          replayId = res.watch_id;
          if (refused) return finish(refusal(key, res.cancel_reason));
          create("barrier1");
          return;
        }
        if (!role) return;
        if (refused) {
          // The barrier itself was refused (no read on the whole keyspace): wait blindly.
          blindTimer ??= setTimeout(() => finish(), BLIND_WAIT_MS);
          return;
        }
        barrierIds.set(res.watch_id, role);
        return;
      }
      if (res.watch_id === replayId) {
        if (res.canceled) {
          return finish(
            res.compact_revision && res.compact_revision !== "0"
              ? new GatewayError(
                  "revision_compacted",
                  "the history was compacted during the read",
                  {
                    compactRevision: res.compact_revision,
                  },
                )
              : refusal(key, res.cancel_reason),
          );
        }
        const revs = new Set<string>();
        for (const ev of res.events) {
          revs.add(ev.kv.mod_revision);
          const revision = BigInt(ev.kv.mod_revision);
          if (revision > bounds.upTo) return finish();
          events.push({
            type: ev.type === "Delete" ? "delete" : "put",
            revision,
            kv: ev.kv,
            prevKv: ev.prev_kv ?? undefined,
          });
        }
        if (res.events.length === 0) return; // a progress answer
        lastBatchFull = revs.size >= WATCH_BATCH_MAX_REVS;
        if (!lastBatchFull && BigInt(res.header.revision) >= bounds.pinned) return finish();
        return;
      }
      const role = barrierIds.get(res.watch_id);
      if (role) {
        barrierIds.delete(res.watch_id);
        if (!res.canceled) stream.write({ cancel_request: { watch_id: res.watch_id } });
        onBarrierAnswer(role);
      }
    });
    stream.on("error", (err: Error) => finish(err));
    stream.on("end", () => finish(new Error("etcd ended the watch stream")));
    create("replay");
  });
}

function refusal(key: Buffer, reason: string | undefined): Error {
  if (/permission denied/i.test(reason ?? "")) return permissionDenied({ key }, "read");
  return new GatewayError("etcd_unavailable", `etcd refused the watch: ${reason || "no reason"}`);
}
