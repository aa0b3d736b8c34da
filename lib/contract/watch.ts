import { z } from "zod";
import { encodingSchema, int64Schema, type KvDto } from "./kv";
import { flagSchema } from "./requests";

/**
 * `GET /api/v1/watch` query: `prefix` or `key` (with its encoding), optional `fromRevision`
 * (first revision to deliver; the `Last-Event-ID` header wins over it), `prevKv=1` to get each
 * event's previous value.
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

/** `event: ready` — the etcd watch exists; events from `startRevision` on will follow. */
export type ReadyMessage = { revision: string; startRevision: string };

/** `event: change`, `id: <revision>` — every event of one revision (one transaction), whole. */
export type ChangeMessage = { revision: string; events: WatchEventDto[] };

/** `event: progress`, `id: <revision>` — nothing under the watched range changed up to it. */
export type ProgressMessage = { revision: string };

/**
 * `event: reset`, `id: <revision>` — history from the requested start up to `compactRevision`
 * is gone (compacted). Drop what is cached under the range and re-list at `revision`; the
 * stream goes on from `revision + 1` by itself.
 */
export type ResetMessage = { reason: "compacted"; compactRevision: string; revision: string };

/** `event: error` — the watch can't go on (e.g. permission denied); the stream ends. */
export type WatchErrorMessage = { error: { code: string; message: string } };
