import "server-only";
import type { Etcd3 } from "etcd3";
import { prefixEnd } from "../bytes";

/** When a holder became the holder; `exact` false when the history before it was compacted. */
export type HeldSince = { revision: string; exact: boolean };

/** Most holders whose answer is remembered (it never changes for one key incarnation). */
const CACHE_SIZE = 1_000;
const holder = globalThis as unknown as { __etcdExplorerHeldSince?: Map<string, HeldSince> };

/**
 * The revision at which the key created at `createRevision` under `prefix` became the head of
 * its queue: the first revision R ≥ createRevision at which no key under `prefix` with a lower
 * create revision existed. "Predecessors exist at R" only ever turns false as R grows (later
 * keys are created later), so a binary search over [createRevision, current] finds it with
 * keys-only Ranges at historical revisions (`max_create_revision`, `revision`): about
 * log2(current − createRevision) calls, once per holder (the answer is cached in memory by
 * prefix and create revision). A probe at a compacted revision counts as "don't know"; if the
 * answer lies just above compacted history, `exact` is false (it holds since then at the latest).
 * @param current  the revision the listing was read at (the key is the head there)
 */
export async function heldSince(
  client: Etcd3,
  prefix: Buffer,
  createRevision: string,
  current: string,
): Promise<HeldSince> {
  const cacheKey = `${prefix.toString("hex")}@${createRevision}`;
  holder.__etcdExplorerHeldSince ??= new Map();
  const cache = holder.__etcdExplorerHeldSince;
  const hit = cache.get(cacheKey);
  if (hit) return hit;

  const before = (BigInt(createRevision) - 1n).toString();
  const headAt = async (rev: bigint): Promise<boolean | "compacted"> => {
    try {
      const res = await client.kv.range({
        key: prefix,
        range_end: prefixEnd(prefix),
        // Not count_only: etcd 3.4 applies the create-revision filter to the returned keys only,
        // so a count would ignore it (etcdserver/apply.go, Range).
        keys_only: true,
        limit: 1,
        max_create_revision: before,
        revision: rev.toString(),
      });
      return res.kvs.length === 0;
    } catch (err) {
      if (/compacted/.test((err as Error).message)) return "compacted";
      throw err;
    }
  };

  let lo = BigInt(createRevision);
  let hi = BigInt(current); // the key is the head here
  let loProven = true; // lo - 1 is known to have predecessors (or lo is the creation)
  while (lo < hi) {
    const mid = lo + (hi - lo) / 2n;
    const head = await headAt(mid);
    if (head === true) {
      hi = mid;
    } else {
      lo = mid + 1n;
      loProven = head === false;
    }
  }
  const answer = { revision: hi.toString(), exact: loProven };
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(cacheKey, answer);
  return answer;
}
