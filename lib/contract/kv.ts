import { z } from "zod";
import type { DecodedValue } from "./kubernetes";

/**
 * How bytes travel in JSON: as UTF-8 text when the bytes are valid UTF-8, else base64.
 * Requests default to utf8.
 */
export const encodingSchema = z.enum(["utf8", "base64"]);
/** `"utf8"` or `"base64"`. */
export type Encoding = z.infer<typeof encodingSchema>;

/** A lone UTF-16 surrogate: a high one not followed by a low one, or a low one not after a high. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Whether `text` is well-formed Unicode (no lone UTF-16 surrogate), i.e. it has a UTF-8 form.
 * JSON can carry `"\ud800"`; UTF-8 encoding would silently turn it into U+FFFD.
 */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** The largest int64: the bound of etcd's revisions, versions and lease IDs. */
export const INT64_MAX = 9223372036854775807n;

/** A decimal int64 (revision, version) kept as a string so it never loses precision in JS. */
export const int64Schema = z
  .string()
  .regex(/^\d{1,19}$/, "must be a non-negative decimal integer")
  // Checks all run in zod 4: only convert what the regex accepted.
  .refine((v) => !/^\d{1,19}$/.test(v) || BigInt(v) <= INT64_MAX, "must fit in an int64");

/**
 * A revision to read at (or compact to): an int64 of at least 1. etcd reads revision 0 as
 * "now", so a 0 would silently not pin the read; it is a 400 naming the field instead. Not for
 * fields where 0 means something (`expectedModRevision`: absent; watch `fromRevision`: now).
 */
export const revisionSchema = int64Schema.refine((v) => !/^0+$/.test(v), "must be at least 1");

/** A lease ID as etcdctl prints it: lowercase hex, no `0x`, at most 7fffffffffffffff (int64). */
export const leaseIdSchema = z
  .string()
  .regex(/^[0-9a-f]{1,16}$/, "must be a lease ID in hex (as etcdctl prints it)")
  .refine(
    (v) => !/^[0-9a-f]{1,16}$/.test(v) || BigInt(`0x${v}`) <= INT64_MAX,
    "is beyond int64 (etcd lease IDs are at most 7fffffffffffffff)",
  );

/**
 * The response header every route returns: the store revision the request saw.
 * `serializable`/`member` are set only on a read the gateway served without a leader: etcd had
 * no leader, so the read was answered from one member's local store (a serializable read, which
 * may be stale); `member` is that member's client URL. Writes are refused meanwhile.
 */
export type ResponseHeader = { revision: string; serializable?: true; member?: string };

/**
 * One key-value as the gateway returns it.
 * - `createRevision`/`modRevision`/`version`: int64 decimal strings.
 * - `lease`: hex lease ID, or null when the key has no lease.
 * - `valueSize`: the value's length in bytes.
 */
export type KvDto = {
  key: string;
  keyEncoding: Encoding;
  value: string;
  valueEncoding: Encoding;
  createRevision: string;
  modRevision: string;
  version: string;
  lease: string | null;
  valueSize: number;
};

/**
 * `GET /api/v1/kv` → one key; `decoded` when the value is a Kubernetes object or an encrypted
 * Kubernetes value (docs/kubernetes.md).
 */
export type GetKvResponse = { header: ResponseHeader; kv: KvDto; decoded?: DecodedValue };

/** `PUT /api/v1/kv` → the key as written. */
export type PutKvResponse = { header: ResponseHeader; kv: KvDto };

/** `DELETE /api/v1/kv?key=` → the deleted key's last value. */
export type DeleteKvResponse = { header: ResponseHeader; deleted: string; prevKv: KvDto | null };

/** `DELETE /api/v1/kv?prefix=` → how many keys went. */
export type DeletePrefixResponse = { header: ResponseHeader; deleted: string };

/** Details of a 409 `conflict`: the key as it is now (null when it no longer exists). */
export type ConflictDetails = { current: KvDto | null };

/**
 * One direct child of a folder in `GET /api/v1/tree`.
 * - `name`: the segment below the folder, without the separator (in `nameEncoding`).
 * - `key`: folder prefix + name; the key itself when `hasValue`, and with the separator
 *   appended it is the prefix of the child's own folder when `hasChildren`.
 * - metadata fields are present only when `hasValue` (keys-only: no value, no valueSize).
 * - `restricted`: the row comes from the etcd user's permissions, not from a listing (the
 *   folder can't be listed): a way into a readable range, no metadata; the key may not exist.
 */
export type TreeChild = {
  name: string;
  nameEncoding: Encoding;
  key: string;
  keyEncoding: Encoding;
  hasValue: boolean;
  hasChildren: boolean;
  createRevision?: string;
  modRevision?: string;
  version?: string;
  lease?: string | null;
  restricted?: boolean;
};

/**
 * `GET /api/v1/tree` → one page of a folder's direct children, in key order.
 * `next` is an opaque cursor for `after=` (it also pins the page to `header.revision`).
 * `restricted`: etcd denied listing this folder to the gateway's etcd user; `children` are only
 * the ways into the ranges that user may read (each marked `restricted`), never a full listing.
 */
export type TreeResponse = {
  header: ResponseHeader;
  prefix: string;
  prefixEncoding: Encoding;
  children: TreeChild[];
  more: boolean;
  next?: string;
  restricted?: boolean;
  /** Set when `revision=` was asked: the revision listed (`header.revision` is the store's now). */
  atRevision?: string;
};

/** `GET /api/v1/range` → a flat listing; `count` is the number of keys in the whole range. */
export type RangeResponse = {
  header: ResponseHeader;
  kvs: KvDto[];
  more: boolean;
  count: string;
  next?: string;
};

/** `GET /api/v1/health`. `leader` is the leader's member ID in hex. */
export type HealthResponse = {
  status: "ok";
  etcd: { endpoints: string[]; version: string; revision: string; leader: string };
  /** True when the gateway refuses every write (`ETCD_EXPLORER_READ_ONLY=1`). */
  readOnly?: boolean;
};
