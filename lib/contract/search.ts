import { z } from "zod";
import { encodingSchema, isWellFormedText, revisionSchema, type Encoding } from "./kv";
import { flagSchema, separatorSchema } from "./requests";

/** Most matches one search may ask for (`limit`); the default is {@link SEARCH_DEFAULT_LIMIT}. */
export const SEARCH_MAX_LIMIT = 100_000;
/** Matches a search streams before it stops with `truncated: true`, unless `limit` says. */
export const SEARCH_DEFAULT_LIMIT = 1_000;
/** Longest `q` accepted (characters): a pattern is compiled once, but must stay small. */
export const SEARCH_MAX_QUERY_LENGTH = 1_000;

/**
 * `GET /api/v1/search` query (docs/search.md).
 * - `q`: the pattern; `mode` says how it is read: `substring` (default), `regex` (RE2 syntax,
 *   linear time) or `glob` (`*`, `?`, `[...]`, anchored to the whole key; `*` stays within one
 *   `/` segment, `**` crosses them).
 * - `in`: `keys` (default: a keys-only scan) or `values` (a key matches when its key or its
 *   value matches; value matches carry an `excerpt`).
 * - `caseSensitive=1` turns off the default case-insensitive match.
 * - `gentle=1` reads at most {@link SCAN_GENTLE_KEYS_PER_SECOND} keys a second from etcd.
 */
export const searchQuerySchema = z.object({
  prefix: z.string().default(""),
  prefixEncoding: encodingSchema.default("utf8"),
  q: z
    .string()
    .min(1, "must not be empty")
    .max(SEARCH_MAX_QUERY_LENGTH)
    .refine(isWellFormedText, "is not valid Unicode text (a lone UTF-16 surrogate)"),
  mode: z.enum(["substring", "regex", "glob"]).default("substring"),
  in: z.enum(["keys", "values"]).default("keys"),
  limit: z.coerce.number().int().min(1).max(SEARCH_MAX_LIMIT).default(SEARCH_DEFAULT_LIMIT),
  revision: revisionSchema.optional(),
  caseSensitive: flagSchema.default(false),
  gentle: flagSchema.default(false),
});
/** Parsed `GET /api/v1/search` query. */
export type SearchQuery = z.infer<typeof searchQuerySchema>;
/** How `q` is read. */
export type SearchMode = SearchQuery["mode"];

/** `GET /api/v1/stats` query (docs/search.md). */
export const statsQuerySchema = z.object({
  prefix: z.string().default(""),
  prefixEncoding: encodingSchema.default("utf8"),
  separator: separatorSchema,
  revision: revisionSchema.optional(),
  gentle: flagSchema.default(false),
});
/** Parsed `GET /api/v1/stats` query. */
export type StatsQuery = z.infer<typeof statsQuerySchema>;

/** Keys a second a `gentle=1` scan reads from etcd at most. */
export const SCAN_GENTLE_KEYS_PER_SECOND = 5_000;

/**
 * Where a value matched, cut to a short window (UTF-16 code units of the value's text):
 * `before` and `after` hold up to 40 characters each, `match` up to 80.
 */
export type SearchExcerpt = { before: string; match: string; after: string };

/** `event: match` — one key that matched, read at the scan's revision. */
export type SearchMatchEvent = {
  key: string;
  keyEncoding: Encoding;
  createRevision: string;
  modRevision: string;
  version: string;
  /** Hex lease ID, null when none. */
  lease: string | null;
  /** The value's length in bytes; null for `in=keys` (a keys-only read does not see values). */
  valueSize: number | null;
  /** `in=values` only, when the value (not only the key) matched. */
  excerpt?: SearchExcerpt;
};

/** `event: progress` of a search or stats scan, at least every 250 ms. */
export type ScanProgressEvent = {
  /** Keys examined so far (decimal string). */
  scanned: string;
  /** Keys under the prefix at `revision` (decimal string, etcd's count). */
  total: string;
  /** The one revision the whole scan reads. */
  revision: string;
};

/** `event: done` of a search. */
export type SearchDoneEvent = {
  scanned: string;
  /** Matches sent (at most `limit`). */
  matches: number;
  revision: string;
  /** True when `limit` matches ended the scan before every key was examined. */
  truncated: boolean;
};

/** One child of the analysed prefix: a leaf key, or a folder (`folder: true`, key ends with the separator). */
export type StatsChild = {
  name: string;
  nameEncoding: Encoding;
  /** The leaf's key, or the folder's prefix (name + separator) to drill into. */
  key: string;
  keyEncoding: Encoding;
  folder: boolean;
  /** Keys in it (decimal string). */
  keys: string;
  /** Key bytes + value bytes of every key in it. */
  bytes: number;
};

/** `event: done` of `GET /api/v1/stats`. */
export type StatsDoneEvent = {
  revision: string;
  keys: string;
  /** Key bytes + value bytes of every key under the prefix. */
  bytes: number;
  /** In key order; at most {@link STATS_MAX_CHILDREN} (the largest by bytes when there are more). */
  children: StatsChild[];
  /** What the children left out hold (null when none was left out). */
  otherChildren: { children: string; keys: string; bytes: number } | null;
  /** The {@link STATS_LARGEST} biggest keys (key + value bytes), biggest first. */
  largest: { key: string; keyEncoding: Encoding; bytes: number }[];
};

/** Most children a stats answer lists. */
export const STATS_MAX_CHILDREN = 10_000;
/** How many of the biggest keys a stats answer lists. */
export const STATS_LARGEST = 20;
