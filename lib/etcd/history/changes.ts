import "server-only";
import type { Etcd3, IKeyValue, IRequestOp } from "etcd3";
import type { ChangeKind, ChangeRow, ChangesResponse } from "@/lib/contract";
import { invalidField } from "@/lib/errors/gateway-error";
import { encodeBytes } from "@/lib/format/bytes";
import { withAccess } from "../access";
import { keyAfter } from "../bytes";
import { getEtcd } from "../client";
import { decodeCursor, encodeCursor } from "../cursor";
import { toKvDto } from "../kv-dto";
import { prefixRange } from "../range";
import { MAX_TXN_OPS } from "../txn-limits";
import { checkRevision } from "./revision-bounds";

/** Keys each listing reads per round (keys only). */
const SCAN_BATCH = 1_000;
/** The scan batch in force (keys); tests lower it. */
export const changesLimits = { scanBatch: SCAN_BATCH };
/** Value-reading Txns in flight at once. */
const VALUE_TXNS_IN_FLIGHT = 4;

/** What {@link listChanges} compares: the keys under `prefix` at `from` and at `to`. */
export type ChangesQuery = {
  prefix: Buffer;
  from: string;
  to?: string;
  limit: number;
  after?: string;
};

/** A key that differs between the two listings (keys-only key-values). */
type Diff = { key: Buffer; change: ChangeKind; before?: IKeyValue; after?: IKeyValue };

/**
 * One page of the net change of every key under `prefix` between revisions `from` and `to`
 * (default: now), in key order: `created` (absent at `from`), `deleted` (absent at `to`),
 * `updated` (another mod_revision: written, or deleted and re-created, in between). A key
 * written and then deleted between the two is no change.
 *
 * How: two keys-only listings of the prefix, one pinned at `from` and one at `to` (etcd Ranges
 * of {@link SCAN_BATCH} keys, advanced together and merged by key), then the values of the
 * changed keys only (Txns of up to MAX_TXN_OPS Ranges, each at its own revision). Cost grows
 * with the keys under the prefix (each listed twice, keys only) plus the changed keys (their
 * values read once or twice), not with the revisions in between: a watch replay of
 * `from`..now would read every revision of the whole store since `from`.
 * `next` (for `after=`) pins `to`; give the same `prefix` and `from` with it.
 * @throws GatewayError 400 naming `from`/`to` (from > to, a future revision) or `after`; 410
 *   with `details.compactRevision` when `from` or `to` was compacted; 403 naming the prefix.
 */
export function listChanges(q: ChangesQuery): Promise<ChangesResponse> {
  return withAccess({ prefix: q.prefix }, "read", () => readChanges(q));
}

async function readChanges(q: ChangesQuery): Promise<ChangesResponse> {
  const client = getEtcd().read;
  const cursor = q.after === undefined ? undefined : decodeCursor(q.after);
  const range = prefixRange(q.prefix);
  const from = BigInt(q.from);
  const toAsked = cursor?.revision ?? q.to;
  const { current } = await checkRevision("from", from, range.key);
  const to = toAsked === undefined ? current : BigInt(toAsked);
  if (to > current) throw invalidField("to", `is a future revision (the store is at ${current})`);
  if (from > to) throw invalidField("from", `is after to (${to})`);
  if (toAsked !== undefined) await checkRevision("to", to, range.key);

  const diffs: Diff[] = [];
  let scanFrom = cursor?.key ?? range.key;
  let more = false;
  for (;;) {
    const [a, b] = await Promise.all(
      [from, to].map((rev) =>
        client.kv.range({
          key: scanFrom,
          range_end: range.rangeEnd,
          revision: rev.toString(),
          keys_only: true,
          limit: String(changesLimits.scanBatch),
        }),
      ),
    );
    // Keys up to the horizon are known in both listings; past it, one listing has not been read.
    const horizon = minKey(
      a.more ? a.kvs.at(-1)?.key : undefined,
      b.more ? b.kvs.at(-1)?.key : undefined,
    );
    const merged = merge(a.kvs, b.kvs, horizon);
    const room = q.limit - diffs.length;
    diffs.push(...merged.slice(0, room));
    if (merged.length > room) {
      more = true;
      scanFrom = keyAfter(diffs[diffs.length - 1].key);
      break;
    }
    if (!horizon) break;
    scanFrom = keyAfter(horizon);
    if (diffs.length === q.limit) {
      more = true;
      break;
    }
  }

  const rows = await withValues(client, diffs, from, to);
  return {
    header: { revision: current.toString() },
    from: from.toString(),
    to: to.toString(),
    changes: rows,
    more,
    next: more ? encodeCursor({ revision: to.toString(), key: scanFrom }) : undefined,
  };
}

/** The smaller of two keys (undefined: no bound). */
function minKey(a: Buffer | undefined, b: Buffer | undefined): Buffer | undefined {
  if (!a) return b;
  if (!b) return a;
  return Buffer.compare(a, b) <= 0 ? a : b;
}

/** The keys (at most `horizon`) that differ between listing `a` (at from) and `b` (at to). */
function merge(a: IKeyValue[], b: IKeyValue[], horizon: Buffer | undefined): Diff[] {
  const out: Diff[] = [];
  const inReach = (kv: IKeyValue) => !horizon || Buffer.compare(kv.key, horizon) <= 0;
  let i = 0;
  let j = 0;
  while ((i < a.length && inReach(a[i])) || (j < b.length && inReach(b[j]))) {
    const ka = i < a.length && inReach(a[i]) ? a[i] : undefined;
    const kb = j < b.length && inReach(b[j]) ? b[j] : undefined;
    const order = !ka ? 1 : !kb ? -1 : Buffer.compare(ka.key, kb.key);
    if (order < 0) {
      out.push({ key: ka!.key, change: "deleted", before: ka });
      i++;
    } else if (order > 0) {
      out.push({ key: kb!.key, change: "created", after: kb });
      j++;
    } else {
      if (ka!.mod_revision !== kb!.mod_revision) {
        out.push({ key: ka!.key, change: "updated", before: ka, after: kb });
      }
      i++;
      j++;
    }
  }
  return out;
}

/**
 * The rows with their values: the key at `from` (`before`) and at `to` (`after`) re-read with
 * values, in Txns of up to MAX_TXN_OPS Ranges, a few in flight at once.
 */
async function withValues(
  client: Etcd3,
  diffs: Diff[],
  from: bigint,
  to: bigint,
): Promise<ChangeRow[]> {
  const ops: { diff: Diff; side: "before" | "after"; op: IRequestOp }[] = [];
  for (const diff of diffs) {
    if (diff.before) ops.push({ diff, side: "before", op: rangeAt(diff.key, from) });
    if (diff.after) ops.push({ diff, side: "after", op: rangeAt(diff.key, to) });
  }
  const chunks: (typeof ops)[] = [];
  for (let i = 0; i < ops.length; i += MAX_TXN_OPS) chunks.push(ops.slice(i, i + MAX_TXN_OPS));
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      const chunk = chunks[next++];
      const res = await client.kv.txn({
        compare: [],
        success: chunk.map((c) => c.op),
        failure: [],
      });
      chunk.forEach((c, i) => {
        const kv = res.responses[i].response_range?.kvs[0];
        if (kv) c.diff[c.side] = kv;
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(VALUE_TXNS_IN_FLIGHT, chunks.length) }, worker));
  return diffs.map((d) => {
    const key = encodeBytes(d.key);
    return {
      key: key.text,
      keyEncoding: key.encoding,
      change: d.change,
      ...(d.before ? { before: toKvDto(d.before) } : {}),
      ...(d.after ? { after: toKvDto(d.after) } : {}),
    };
  });
}

function rangeAt(key: Buffer, revision: bigint): IRequestOp {
  return { request_range: { key, revision: revision.toString() } };
}
