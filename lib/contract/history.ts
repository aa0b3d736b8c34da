import { z } from "zod";
import {
  encodingSchema,
  int64Schema,
  revisionSchema,
  type Encoding,
  type KvDto,
  type ResponseHeader,
} from "./kv";

/** Versions one `GET /api/v1/history` page returns by default and at most. */
export const HISTORY_DEFAULT_LIMIT = 50;
export const HISTORY_MAX_LIMIT = 1_000;

/** Rows one `GET /api/v1/changes` page returns by default and at most. */
export const CHANGES_DEFAULT_LIMIT = 200;
export const CHANGES_MAX_LIMIT = 10_000;

/** Most items one `POST /api/v1/restore` takes. */
export const RESTORE_MAX_ITEMS = 10_000;

/**
 * `GET /api/v1/history` query: the key, page size, and `before` (exclusive: versions at
 * revisions below it; a previous page's `next`).
 */
export const historyQuerySchema = z.object({
  key: z.string().min(1, "is required"),
  keyEncoding: encodingSchema.default("utf8"),
  limit: z.coerce.number().int().min(1).max(HISTORY_MAX_LIMIT).default(HISTORY_DEFAULT_LIMIT),
  before: int64Schema.optional(),
});

/**
 * One version of a key: a put (with the key-value exactly as written at `revision`, i.e. its
 * mod revision) or a delete (no `kv`: the value before it is the put listed next).
 */
export type HistoryVersion =
  { type: "put"; revision: string; kv: KvDto } | { type: "delete"; revision: string };

/**
 * `GET /api/v1/history` → versions newest first. `compactRevision`: the store's last
 * compaction ("0": never); nothing before the version live at that revision can be read.
 * `next` is the `before` for the following page (the revision of the last version listed).
 */
export type HistoryResponse = {
  header: ResponseHeader;
  key: string;
  keyEncoding: Encoding;
  compactRevision: string;
  versions: HistoryVersion[];
  more: boolean;
  next?: string;
};

/** `GET /api/v1/changes` query. `to` defaults to the current revision; `after` is `next`. */
export const changesQuerySchema = z.object({
  prefix: z.string().default(""),
  prefixEncoding: encodingSchema.default("utf8"),
  from: revisionSchema,
  to: revisionSchema.optional(),
  limit: z.coerce.number().int().min(1).max(CHANGES_MAX_LIMIT).default(CHANGES_DEFAULT_LIMIT),
  after: z.string().optional(),
});

/** The net change of one key between `from` and `to`. */
export type ChangeKind = "created" | "updated" | "deleted";

/**
 * One row of `GET /api/v1/changes`: `before` is the key at `from` (absent when created),
 * `after` the key at `to` (absent when deleted).
 */
export type ChangeRow = {
  key: string;
  keyEncoding: Encoding;
  change: ChangeKind;
  before?: KvDto;
  after?: KvDto;
};

/** `GET /api/v1/changes` → one page of net changes in key order. */
export type ChangesResponse = {
  header: ResponseHeader;
  from: string;
  to: string;
  changes: ChangeRow[];
  more: boolean;
  next?: string;
};

/** `POST /api/v1/restore` body. */
export const restoreBodySchema = z
  .object({
    items: z
      .array(
        z
          .object({
            key: z.string().min(1, "must not be empty"),
            keyEncoding: encodingSchema.default("utf8"),
            revision: revisionSchema,
          })
          .strict(),
      )
      .min(1, "must not be empty")
      .max(RESTORE_MAX_ITEMS),
    mode: z.enum(["create-only", "overwrite"]).default("create-only"),
  })
  .strict();

/** Parsed `POST /api/v1/restore` body. */
export type RestoreBody = z.infer<typeof restoreBodySchema>;

/**
 * What happened to one restore item: `restored` (written; `revision` is the write's), `exists`
 * (create-only and the key exists now, or overwrite and it changed under the restore),
 * `not_found` (no value at that revision), `compacted` (the revision is gone).
 */
export type RestoreOutcome = "restored" | "exists" | "not_found" | "compacted";

/** `POST /api/v1/restore` → one result per item, in the order given. */
export type RestoreResponse = {
  header: ResponseHeader;
  mode: "create-only" | "overwrite";
  /** True when all writes went in one etcd transaction (all or nothing). */
  atomic: boolean;
  /** Transactions used; each holds at most `maxTxnOps` writes. */
  transactions: number;
  maxTxnOps: number;
  /** Plain words for the UI when `atomic` is false. */
  note?: string;
  results: {
    key: string;
    keyEncoding: Encoding;
    outcome: RestoreOutcome;
    revision?: string;
  }[];
};
