import "server-only";
import type { IKeyValue } from "etcd3";
import type { LockDto, LockEntry, LocksResponse } from "@/lib/contract";
import { encodeBytes } from "@/lib/format/bytes";
import { withAccess } from "../access";
import { leaseToHex } from "../bytes";
import { getEtcd } from "../client";
import { mapBounded } from "../leases";
import { prefixRange } from "../range";
import { heldSince } from "./held-since";
import { recogniseLocks, type LeasedKv, type LockGroup } from "./recognise";
import { MAX_TXN_OPS } from "../txn-limits";

/** Most keys one listing scans under the prefix (keys only). */
export const MAX_LOCK_SCAN_KEYS = 10_000;
/** Most leased keys whose values one listing reads. */
export const MAX_LOCK_LEASED_KEYS = 1_000;
/** LeaseTimeToLive calls in flight at once. */
const TTL_CONCURRENCY = 16;

/**
 * The locks and elections under `prefix` (see recogniseLocks for the layouts). etcd calls:
 * 1. one keys-only Range of up to {@link MAX_LOCK_SCAN_KEYS} keys under the prefix;
 * 2. the values of the keys that have a lease (at most {@link MAX_LOCK_LEASED_KEYS}), in Txns of
 *    128 Ranges pinned to the scan's revision;
 * 3. one LeaseTimeToLive per distinct lease of a recognised lock, 16 at a time;
 * 4. for each queue holder seen for the first time, about log2(revisions since it queued)
 *    keys-only Ranges at historical revisions (heldSince; then cached).
 * `truncated` when step 1 or 2 hit its bound.
 * @throws GatewayError 403 `etcd_permission_denied` naming the prefix, 503/504.
 */
export async function listLocks(prefix: Buffer): Promise<LocksResponse> {
  const { read } = getEtcd();
  const range = prefixRange(prefix);
  const scan = await withAccess({ prefix }, "read", () =>
    read.kv.range({
      key: range.key,
      range_end: range.rangeEnd,
      keys_only: true,
      limit: MAX_LOCK_SCAN_KEYS,
    }),
  );
  const revision = scan.header.revision;
  const leased = scan.kvs.filter((kv) => kv.lease !== "0");
  const truncated = scan.more || leased.length > MAX_LOCK_LEASED_KEYS;
  const withValues = await readValues(leased.slice(0, MAX_LOCK_LEASED_KEYS), revision, prefix);
  const groups = recogniseLocks(withValues);

  const leases = [...new Set(groups.flatMap((g) => g.entries.map((e) => e.lease)))];
  const ttls = new Map(
    await mapBounded(leases, TTL_CONCURRENCY, async (id) => {
      const res = await read.leaseClient.leaseTimeToLive({ ID: id });
      return [id, Number(res.TTL) < 0 ? null : Number(res.TTL)] as const;
    }),
  );
  const locks = await Promise.all(groups.map((g) => toDto(g, ttls, revision)));
  return { header: { revision }, ...encoded("prefix", prefix), locks, truncated };
}

/** The leased keys with their values, read at `revision` (a key deleted since is left out). */
async function readValues(kvs: IKeyValue[], revision: string, prefix: Buffer): Promise<LeasedKv[]> {
  const { read } = getEtcd();
  const chunks: IKeyValue[][] = [];
  for (let i = 0; i < kvs.length; i += MAX_TXN_OPS) chunks.push(kvs.slice(i, i + MAX_TXN_OPS));
  const answers = await Promise.all(
    chunks.map((chunk) =>
      withAccess({ prefix }, "read", () =>
        read.kv.txn({
          success: chunk.map((kv) => ({ request_range: { key: kv.key, revision } })),
        }),
      ),
    ),
  );
  return answers.flatMap((a) =>
    a.responses.flatMap((r) =>
      (r.response_range?.kvs ?? []).map((kv) => ({
        key: Buffer.from(kv.key),
        value: Buffer.from(kv.value),
        lease: kv.lease,
        createRevision: kv.create_revision,
      })),
    ),
  );
}

async function toDto(
  g: LockGroup,
  ttls: Map<string, number | null>,
  revision: string,
): Promise<LockDto> {
  const [head, ...rest] = g.entries.map((e) => entry(e, ttls));
  const since =
    g.kind === "lock"
      ? { revision: head.createRevision, exact: true }
      : await heldSince(getEtcd().read, g.prefix, head.createRevision, revision);
  return {
    ...encoded("name", g.name),
    ...encoded("prefix", g.prefix),
    kind: g.kind,
    library: g.library,
    holder: { ...head, heldSince: since.revision, heldSinceExact: since.exact },
    waiters: rest,
  };
}

function entry(kv: LeasedKv, ttls: Map<string, number | null>): LockEntry {
  const key = encodeBytes(kv.key);
  const value = encodeBytes(kv.value);
  return {
    key: key.text,
    keyEncoding: key.encoding,
    lease: leaseToHex(kv.lease) ?? "0",
    ttl: ttls.get(kv.lease) ?? null,
    value: value.text,
    valueEncoding: value.encoding,
    createRevision: kv.createRevision,
  };
}

/** `{[field]: text, [field + "Encoding"]: encoding}` for bytes in a response. */
function encoded<F extends string>(field: F, bytes: Buffer) {
  const e = encodeBytes(bytes);
  return { [field]: e.text, [`${field}Encoding`]: e.encoding } as Record<F, string> &
    Record<`${F}Encoding`, "utf8" | "base64">;
}
