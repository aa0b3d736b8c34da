import "server-only";
import type { LockKind, LockLibrary } from "@/lib/contract";

/** A key on a lease, as the scan read it (`lease` and `createRevision` decimal strings). */
export type LeasedKv = { key: Buffer; value: Buffer; lease: string; createRevision: string };

/** A recognised lock before its leases are read: its keys in queue order (holder first). */
export type LockGroup = {
  name: Buffer;
  prefix: Buffer;
  kind: LockKind;
  library: LockLibrary;
  entries: LeasedKv[];
};

const SLASH = 0x2f;
/** python-etcd3 puts every lock at `/locks/<name>` (etcd3/locks.py, `lock_prefix`). */
const PYTHON_LOCK_PREFIX = Buffer.from("/locks/");
/** python-etcd3's lock value: `uuid.uuid1().bytes`, 16 bytes. */
const PYTHON_LOCK_VALUE_BYTES = 16;
/** The `etcd3` npm Election's namespace: `election/<name>/` (etcd3 lib/election.js, `Election.prefix`). */
const NPM_ELECTION_SEGMENT = Buffer.from("election/");

/**
 * Group leased keys into the lock layouts real clients write (docs/coordination.md, with sources):
 * - `<pfx>/<lease ID in hex, unpadded>` on that lease: Go `concurrency` Mutex or Election (and
 *   everything built on it: `etcdctl lock|elect`, etcd's lock/election APIs, jetcd). Keys sharing
 *   `<pfx>/` are one queue; the lowest `createRevision` holds it. All values empty: a mutex;
 *   otherwise an election (values are proposals).
 * - `…election/<name>/<lease ID in decimal>` on that lease: the `etcd3` npm Election (a queue).
 * - `/locks/<name>` whose value is 16 bytes: python-etcd3's Lock (one key, no queue).
 * - any other leased key with an empty value: the `etcd3` npm Lock (one key, no queue). This is
 *   the loosest rule: any empty key on a lease looks like one.
 * Keys that fit none (or have no lease) are not locks.
 * @param kvs  keys with a lease (lease "0" = none; those are skipped)
 * @returns the locks ordered by prefix (bytewise); entries in queue order.
 */
export function recogniseLocks(kvs: LeasedKv[]): LockGroup[] {
  const queues = new Map<string, LockGroup>();
  const singles: LockGroup[] = [];
  for (const kv of kvs) {
    if (kv.lease === "0") continue;
    const slash = kv.key.lastIndexOf(SLASH);
    const last = slash >= 0 ? kv.key.subarray(slash + 1).toString("latin1") : "";
    const parent = kv.key.subarray(0, slash + 1); // up to and including the slash
    const lease = BigInt(kv.lease);
    let queue: Omit<LockGroup, "entries" | "kind"> | null = null;
    if (slash >= 0 && last === lease.toString(10) && isNpmElection(parent)) {
      const nameStart = parent.lastIndexOf(NPM_ELECTION_SEGMENT, parent.length - 2);
      queue = {
        name: parent.subarray(nameStart + NPM_ELECTION_SEGMENT.length, parent.length - 1),
        prefix: parent,
        library: "etcd3-npm",
      };
    } else if (slash >= 0 && last === lease.toString(16)) {
      queue = {
        name: parent.subarray(0, parent.length - 1),
        prefix: parent,
        library: "go-concurrency",
      };
    }
    if (queue) {
      const id = `${queue.library}:${queue.prefix.toString("hex")}`;
      const group = queues.get(id) ?? { ...queue, kind: "mutex" as LockKind, entries: [] };
      group.entries.push(kv);
      if (queue.library === "etcd3-npm" || kv.value.length > 0) group.kind = "election";
      queues.set(id, group);
    } else if (isPythonLock(kv)) {
      singles.push(single(kv, kv.key.subarray(PYTHON_LOCK_PREFIX.length), "python-etcd3"));
    } else if (kv.value.length === 0) {
      singles.push(single(kv, kv.key, "etcd3-npm"));
    }
  }
  for (const g of queues.values()) g.entries.sort(byCreateRevision);
  return [...queues.values(), ...singles].sort((a, b) => Buffer.compare(a.prefix, b.prefix));
}

/** Whether `parent` (ending in "/") is `…election/<name>/` with a non-empty name. */
function isNpmElection(parent: Buffer): boolean {
  if (parent.length < NPM_ELECTION_SEGMENT.length + 2) return false;
  // etcd3 namespaces are raw prefixes, so "election/" may follow anything.
  const at = parent.lastIndexOf(NPM_ELECTION_SEGMENT, parent.length - 2);
  // The name is what lies between "election/" and the final slash; it must be non-empty.
  return at >= 0 && at + NPM_ELECTION_SEGMENT.length < parent.length - 1;
}

function isPythonLock(kv: LeasedKv): boolean {
  return (
    kv.key.length > PYTHON_LOCK_PREFIX.length &&
    kv.key.subarray(0, PYTHON_LOCK_PREFIX.length).equals(PYTHON_LOCK_PREFIX) &&
    kv.value.length === PYTHON_LOCK_VALUE_BYTES
  );
}

function single(kv: LeasedKv, name: Buffer, library: LockLibrary): LockGroup {
  return { name, prefix: kv.key, kind: "lock", library, entries: [kv] };
}

function byCreateRevision(a: LeasedKv, b: LeasedKv): number {
  const d = BigInt(a.createRevision) - BigInt(b.createRevision);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}
