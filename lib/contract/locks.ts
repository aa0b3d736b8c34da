import { z } from "zod";
import { encodingSchema, type Encoding, type ResponseHeader } from "./kv";

/**
 * `GET /api/v1/locks` query: the keys under `prefix` (bytes in `prefixEncoding`; the empty prefix
 * is the whole keyspace) are scanned for lock and election layouts (docs/coordination.md).
 */
export const locksQuerySchema = z.object({
  prefix: z.string().default(""),
  prefixEncoding: encodingSchema.default("utf8"),
});

/** Which key layout a lock was recognised by (docs/coordination.md lists the sources). */
export type LockLibrary =
  /** Go `clientv3/concurrency` Mutex/Election: also `etcdctl lock|elect`, jetcd, etcd's lock and election APIs. */
  | "go-concurrency"
  /** The `etcd3` npm client's Election and Lock. */
  | "etcd3-npm"
  /** python-etcd3's Lock. */
  | "python-etcd3";

/**
 * `mutex`: a queue of keys with empty values (Go Mutex, `etcdctl lock`); `election`: a queue whose
 * values are the candidates' proposals; `lock`: one key on a lease, no queue (waiters poll etcd
 * and leave no key).
 */
export type LockKind = "mutex" | "election" | "lock";

/**
 * One key of a lock: the holder's or a waiter's.
 * - `lease`: hex, zero-padded to 16 digits as etcdctl prints it.
 * - `ttl`: the lease's remaining seconds (LeaseTimeToLive), null when it expired meanwhile.
 * - `value`: a Mutex's is empty; an election's is the candidate's proposal.
 * - `createRevision`: decimal string; waiters queue in its order.
 */
export type LockEntry = {
  key: string;
  keyEncoding: Encoding;
  lease: string;
  ttl: number | null;
  value: string;
  valueEncoding: Encoding;
  createRevision: string;
};

/**
 * The holder (or leader): its key, plus `heldSince`, the revision at which it became the holder
 * (decimal string): the revision that deleted the last key queued before it, or its
 * `createRevision` when it found the queue empty. `heldSinceExact` is false when that history was
 * compacted: it then holds since `heldSince` at the latest.
 */
export type LockHolder = LockEntry & { heldSince: string; heldSinceExact: boolean };

/**
 * One recognised lock or election. `name` is what the client was given (`etcdctl lock NAME`, the
 * election name, python-etcd3's lock name); `prefix` is what its keys start with (for a
 * single-key lock, the key itself). Both are bytes with their encodings.
 */
export type LockDto = {
  name: string;
  nameEncoding: Encoding;
  prefix: string;
  prefixEncoding: Encoding;
  kind: LockKind;
  library: LockLibrary;
  holder: LockHolder;
  /** In queue order (ascending `createRevision`); always empty for `kind: "lock"`. */
  waiters: LockEntry[];
};

/**
 * `GET /api/v1/locks` → the locks under `prefix`, ordered by prefix. `truncated` is true when the
 * prefix held more keys (or leased keys) than one scan reads (limits in docs/coordination.md):
 * narrow the prefix.
 */
export type LocksResponse = {
  header: ResponseHeader;
  prefix: string;
  prefixEncoding: Encoding;
  locks: LockDto[];
  truncated: boolean;
};
