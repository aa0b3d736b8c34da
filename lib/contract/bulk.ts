import { z } from "zod";
import {
  encodingSchema,
  revisionSchema,
  type Encoding,
  type KvDto,
  type ResponseHeader,
} from "./kv";
import { flagSchema } from "./requests";

/** The `format` of the first line of an export (docs/bulk.md). */
export const EXPORT_FORMAT = "etcd-explorer/v1";

/** Most `key` parameters one export may repeat (a selection; prefixes are streamed). */
export const MAX_EXPORT_KEYS = 1_000;

/**
 * `GET /api/v1/export` query, besides the repeatable selection parameters `key` and `prefix`
 * (read with URLSearchParams.getAll, so they are not in this schema). `keyEncoding` and
 * `prefixEncoding` apply to every `key` / `prefix`; `revision` pins the export to that revision
 * (default: the current one).
 */
export const exportQuerySchema = z.object({
  prefixEncoding: encodingSchema.default("utf8"),
  keyEncoding: encodingSchema.default("utf8"),
  revision: revisionSchema.optional(),
});

/**
 * The first line of an export. `prefix` is the base the keys are relative to on import with
 * `prefix=NEW`: the prefix exported, or for a selection the longest common prefix of its keys
 * that ends in `/` (empty when none).
 */
export type ExportHeaderLine = {
  format: typeof EXPORT_FORMAT;
  prefix: string;
  prefixEncoding: Encoding;
  revision: string;
  exportedAt: string;
};

/**
 * One key of an export, at the export's revision. `lease`: hex or null; `ttl`: the lease's
 * remaining seconds when exported (null: no lease, or it is gone).
 */
export type ExportKeyLine = {
  key: string;
  keyEncoding: Encoding;
  value: string;
  valueEncoding: Encoding;
  createRevision: string;
  modRevision: string;
  version: string;
  lease: string | null;
  ttl: number | null;
};

/** Write modes of import and copy: create only new keys, or also overwrite existing ones. */
export const writeModeSchema = z.enum(["create-only", "overwrite"]);
/** `"create-only"` or `"overwrite"`. */
export type WriteMode = z.infer<typeof writeModeSchema>;

/**
 * `POST /api/v1/import` query.
 * - `mode`: `create-only`, `overwrite`, or `dry-run` (= `overwrite` + `dryRun=1`).
 * - `dryRun=1`: answer the plan of `mode` without writing.
 * - `prefix`: re-root the keys: the file's base prefix (its header's `prefix`; none for the
 *   other formats) is replaced by this one.
 * - `planRevision`: plan against this revision (a dry run's `planRevision`), so a key changed
 *   since that dry run is a conflict, not overwritten. Default: the current revision.
 * - `leases=1`: give keys that had a lease a new one per original lease, with its exported TTL.
 */
export const importQuerySchema = z.object({
  mode: z.enum(["create-only", "overwrite", "dry-run"]),
  dryRun: flagSchema.default(false),
  prefix: z.string().optional(),
  prefixEncoding: encodingSchema.default("utf8"),
  planRevision: revisionSchema.optional(),
  leases: flagSchema.default(false),
});

/** What the plan does with one key: see docs/bulk.md. */
export type PlanAction = "create" | "update" | "unchanged" | "conflict";

/** What happened to one key on apply. */
export type WriteOutcome = "created" | "updated" | "unchanged" | "conflict" | "not_applied";

/**
 * One key of an import answer. `modRevision`: the key's mod revision at the plan revision
 * (null: absent), which guards the write. `outcome` only when applied; `reason` for conflicts.
 */
export type ImportItem = {
  key: string;
  keyEncoding: Encoding;
  action: PlanAction;
  modRevision: string | null;
  outcome?: WriteOutcome;
  reason?: string;
};

/**
 * How a multi-key write went: `atomic` true when every write went in one etcd Txn; `txns` the
 * number of Txns that wrote; `statement` says it in words; `error` when etcd failed part-way
 * (the items not yet written are `not_applied`).
 */
export type BulkWriteSummary = {
  atomic: boolean;
  txns: number;
  statement: string;
  error?: { code: string; message: string };
};

/** `POST /api/v1/import` answer. `header.revision`: after the last write (or the plan's). */
export type ImportResponse = {
  header: ResponseHeader;
  format: "etcd-explorer/v1" | "json-object" | "etcdctl-json";
  mode: WriteMode;
  dryRun: boolean;
  planRevision: string;
  counts: Record<string, number>;
  items: ImportItem[];
} & Partial<BulkWriteSummary>;

/** One source → destination of `POST /api/v1/copy`; a `from` ending in `/` is a prefix. */
const copyItemSchema = z
  .object({
    from: z.string().min(1, "must not be empty"),
    fromEncoding: encodingSchema.default("utf8"),
    to: z.string().min(1, "must not be empty"),
    toEncoding: encodingSchema.default("utf8"),
  })
  .strict();

/** Most items one copy body may list. */
export const MAX_COPY_ITEMS = 1_000;

/**
 * `POST /api/v1/copy` body: one `from`/`to` pair, or `items` (a selection). A `from` that ends
 * in `/` copies every key under it (`to` is then the new prefix); otherwise the single key.
 * `move` deletes each source after copying it; `keepLease` attaches the source key's lease to
 * the copy (default: no lease); `dryRun` is the preview (nothing written).
 */
export const copyBodySchema = z
  .object({
    from: z.string().min(1, "must not be empty").optional(),
    fromEncoding: encodingSchema.default("utf8"),
    to: z.string().min(1, "must not be empty").optional(),
    toEncoding: encodingSchema.default("utf8"),
    items: z.array(copyItemSchema).min(1).max(MAX_COPY_ITEMS).optional(),
    mode: writeModeSchema.default("create-only"),
    move: z.boolean().default(false),
    keepLease: z.boolean().default(false),
    dryRun: z.boolean().default(false),
  })
  .strict()
  .refine((b) => (b.items === undefined) !== (b.from === undefined && b.to === undefined), {
    message: "give either from and to, or items",
    path: ["from"],
  })
  .refine((b) => b.items !== undefined || (b.from !== undefined && b.to !== undefined), {
    message: "give both from and to",
    path: ["to"],
  });

/**
 * One key of a copy answer. `action` is the plan (`missing`: the source key does not exist);
 * `outcome` what apply did; `sourceDeleted` for a move.
 */
export type CopyItem = {
  from: string;
  fromEncoding: Encoding;
  to: string;
  toEncoding: Encoding;
  action: PlanAction | "missing";
  outcome?: WriteOutcome | "missing";
  sourceDeleted?: boolean;
  reason?: string;
};

/** `POST /api/v1/copy` answer; `sourceRevision` is the revision the sources were read at. */
export type CopyResponse = {
  header: ResponseHeader;
  move: boolean;
  mode: WriteMode;
  dryRun: boolean;
  sourceRevision: string;
  counts: Record<string, number>;
  items: CopyItem[];
} & Partial<BulkWriteSummary>;

/** Most keys compared per side. */
export const MAX_COMPARE_KEYS = 10_000;

/**
 * `GET /api/v1/compare` query: two prefixes (`right` defaults to `left`, to compare one prefix
 * at two revisions), each at its own revision (default: the current one).
 */
export const compareQuerySchema = z.object({
  left: z.string(),
  leftEncoding: encodingSchema.default("utf8"),
  right: z.string().optional(),
  rightEncoding: encodingSchema.default("utf8"),
  leftRevision: revisionSchema.optional(),
  rightRevision: revisionSchema.optional(),
});

/** How one relative key compares. */
export type CompareStatus = "only-left" | "only-right" | "different" | "same";

/**
 * One relative key of a comparison (`key`: the part after the prefix). `left`/`right`: the
 * key-values on each side (omitted when absent, and for `same`, where only `valueSize` matters).
 */
export type CompareEntry = {
  key: string;
  keyEncoding: Encoding;
  status: CompareStatus;
  left?: KvDto;
  right?: KvDto;
};

/** `GET /api/v1/compare` answer. `truncated`: a side had more than {@link MAX_COMPARE_KEYS}. */
export type CompareResponse = {
  header: ResponseHeader;
  left: { prefix: string; prefixEncoding: Encoding; revision: string };
  right: { prefix: string; prefixEncoding: Encoding; revision: string };
  counts: Record<CompareStatus, number>;
  entries: CompareEntry[];
  truncated: boolean;
};
