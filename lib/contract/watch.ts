import { z } from "zod";
import { encodingSchema, int64Schema, type KvDto } from "./kv";
import { flagSchema } from "./requests";

/**
 * `GET /api/v1/watch` query: `prefix` or `key` (with its encoding), optional `fromRevision`
 * (first revision to deliver, a decimal int64 at most the current revision + 1, else 400 with
 * `details.currentRevision`; 0 = from now; the `Last-Event-ID` header, also a decimal int64,
 * wins over it and resumes after it), `prevKv=1` to get each event's previous value.
 */
export const watchQuerySchema = z
  .object({
    prefix: z.string().optional(),
    prefixEncoding: encodingSchema.default("utf8"),
    key: z.string().min(1, "must not be empty").optional(),
    keyEncoding: encodingSchema.default("utf8"),
    fromRevision: int64Schema.optional(),
    prevKv: flagSchema.default(false),
  })
  .refine((q) => (q.key === undefined) !== (q.prefix === undefined), {
    message: "give exactly one of key or prefix",
    path: ["prefix"],
  });

/** One etcd event. A delete's `kv` carries the key and the deleting revision only. */
export type WatchEventDto = { type: "put" | "delete"; kv: KvDto; prevKv?: KvDto };

/**
 * `event: ready`, `id: <startRevision - 1>` — etcd accepted the watch; events from
 * `startRevision` on will follow, and every one up to `revision` was delivered or precedes the
 * start. Sent only after etcd's created response, also for a watch from a revision.
 */
export type ReadyMessage = { revision: string; startRevision: string };

/** `event: change`, `id: <revision>` — every event of one revision (one transaction), whole. */
export type ChangeMessage = { revision: string; events: WatchEventDto[] };

/**
 * `event: progress`, `id: <revision>` — every change under the watched range up to `revision`
 * was delivered. Only sent when the gateway knows so (etcd's own periodic progress notification
 * for the watcher, or a requested one from a cluster whose every member answers it in order).
 */
export type ProgressMessage = { revision: string };

/**
 * `event: heartbeat`, no id — etcd answered the gateway's periodic check on this watch (about
 * every 5 s). `revision` is etcd's store revision then: informational, never a resume point.
 */
export type HeartbeatMessage = { revision: string };

/**
 * `event: reset`, `id: <revision>` — history from the requested start up to `compactRevision`
 * is gone (compacted). Drop what is cached under the range and re-list at `revision`; the
 * stream goes on from `revision + 1` by itself.
 */
export type ResetMessage = { reason: "compacted"; compactRevision: string; revision: string };

/** `event: error` — the watch can't go on (e.g. permission denied); the stream ends. */
export type WatchErrorMessage = { error: { code: string; message: string } };
