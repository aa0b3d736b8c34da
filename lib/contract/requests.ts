import { z } from "zod";
import { encodingSchema, int64Schema, isWellFormedText, leaseIdSchema, revisionSchema } from "./kv";

/** Largest TTL etcd accepts for a lease, in seconds (etcd's MaxLeaseTTL). */
export const MAX_TTL_SECONDS = 9_000_000_000;

/** Most children or keys one page may ask for. */
export const MAX_PAGE_LIMIT = 10_000;

const limitSchema = z.coerce.number().int().min(1).max(MAX_PAGE_LIMIT);
/** A query flag: `1`/`true` or `0`/`false`. */
export const flagSchema = z
  .enum(["1", "true", "0", "false"])
  .transform((v) => v === "1" || v === "true");

/**
 * `PUT /api/v1/kv` body.
 * - `lease`: attach this lease (hex); `null` detaches; absent keeps the key's current lease.
 * - `ttl`: grant a new lease of this many seconds and attach it (not with `lease`).
 * - `expectedModRevision`: `"0"` = create only; `"N"` = only if the key's mod_revision is N.
 */
export const putKvBodySchema = z
  .object({
    key: z.string().min(1, "must not be empty"),
    keyEncoding: encodingSchema.default("utf8"),
    value: z.string(),
    valueEncoding: encodingSchema.default("utf8"),
    lease: leaseIdSchema.nullable().optional(),
    ttl: z.number().int().min(1).max(MAX_TTL_SECONDS).optional(),
    expectedModRevision: int64Schema.optional(),
  })
  .strict()
  .refine((b) => !(b.ttl !== undefined && b.lease !== undefined), {
    message: "give either lease or ttl, not both",
    path: ["ttl"],
  });
/** Parsed `PUT /api/v1/kv` body. */
export type PutKvBody = z.infer<typeof putKvBodySchema>;

/** `GET /api/v1/kv` query: `key` (+`keyEncoding`), optional historical `revision`. */
export const getKvQuerySchema = z.object({
  key: z.string().min(1, "is required"),
  keyEncoding: encodingSchema.default("utf8"),
  revision: revisionSchema.optional(),
});

/**
 * `DELETE /api/v1/kv` query: either `key` (+`expectedModRevision`) or `prefix` (+`all=true`
 * when the prefix is empty, i.e. the whole keyspace).
 */
export const deleteKvQuerySchema = z
  .object({
    key: z.string().min(1, "must not be empty").optional(),
    keyEncoding: encodingSchema.default("utf8"),
    prefix: z.string().optional(),
    prefixEncoding: encodingSchema.default("utf8"),
    expectedModRevision: int64Schema.optional(),
    all: flagSchema.default(false),
  })
  .refine((q) => (q.key === undefined) !== (q.prefix === undefined), {
    message: "give exactly one of key or prefix",
    path: ["key"],
  });

/** A folder separator (`GET /tree`, `GET /stats`): 1–8 characters of well-formed text, "/" by default. */
export const separatorSchema = z
  .string()
  .min(1, "must not be empty")
  .max(8)
  .refine(isWellFormedText, "is not valid Unicode text (a lone UTF-16 surrogate)")
  .default("/");

/** `GET /api/v1/tree` query. `after` is the `next` cursor of the previous page. */
export const treeQuerySchema = z.object({
  prefix: z.string().default(""),
  prefixEncoding: encodingSchema.default("utf8"),
  separator: separatorSchema,
  limit: limitSchema.default(200),
  after: z.string().optional(),
  /** List the folder as it was at this revision (time travel); absent: now. */
  revision: revisionSchema.optional(),
});

/** `GET /api/v1/range` query: `prefix`, or `key` with optional `rangeEnd`. */
export const rangeQuerySchema = z
  .object({
    prefix: z.string().optional(),
    prefixEncoding: encodingSchema.default("utf8"),
    key: z.string().min(1, "must not be empty").optional(),
    keyEncoding: encodingSchema.default("utf8"),
    rangeEnd: z.string().optional(),
    limit: limitSchema.default(1000),
    keysOnly: flagSchema.default(false),
    countOnly: flagSchema.default(false),
    revision: revisionSchema.optional(),
    after: z.string().optional(),
  })
  .refine((q) => (q.key === undefined) !== (q.prefix === undefined), {
    message: "give exactly one of key or prefix",
    path: ["prefix"],
  });
