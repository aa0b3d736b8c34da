import "server-only";
import type { IKeyValue } from "etcd3";
import type { ChangeKind, ChangeRow, ChangesResponse } from "@/lib/contract";
import { invalidField } from "@/lib/errors/gateway-error";
import { encodeBytes } from "@/lib/format/bytes";
import { withAccess } from "../access";
import { keyAfter } from "../bytes";
import { decodeCursor, encodeCursor } from "../cursor";
import { toKvDto } from "../kv-dto";
import { prefixRange } from "../range";
import { RANGE_PAGE_MAX_BYTES, readBoundedPage } from "../range-page";
import { etcdToGatewayError } from "../etcd-errors";
import { linearizable, type ReadVia } from "../read-fallback";
import { checkRevision } from "./revision-bounds";

/** Keys each listing reads per round (with values; at most 16 MiB, see readBoundedPage). */
const SCAN_BATCH = 1_000;
/** The scan batch in force (keys); tests lower it. */
export const changesLimits = { scanBatch: SCAN_BATCH };

/** What {@link listChanges} compares: the keys under `prefix` at `from` and at `to`. */
export type ChangesQuery = {
  prefix: Buffer;
  from: string;
  to?: string;
  limit: number;
  after?: string;
};

/** A key that differs between the two listings (key-values as listed, with values). */
type Diff = { key: Buffer; change: ChangeKind; before?: IKeyValue; after?: IKeyValue };

/**
 * One page of the net change of every key under `prefix` between revisions `from` and `to`
 * (default: now), in key order: `created` (absent at `from`), `deleted` (absent at `to`),
 * `updated` (another mod_revision: written, or deleted and re-created, in between). A key
 * written and then deleted between the two is no change.
 *
 * How: two listings of the prefix with values, one pinned at `from` and one at `to` (etcd
 * Ranges of {@link SCAN_BATCH} keys or 16 MiB, advanced together and merged by key). Cost: the
 * two full listings of the prefix, read once over all pages, not the revisions in between: a
 * watch replay of `from`..now would read every revision of the whole store since `from`.
 * (Keys-only listings plus the changed keys' values cost more round trips when most keys
 * changed, measured in bench/history.)
 * `next` (for `after=`) pins `to`; give the same `prefix` and `from` with it.
 * @throws GatewayError 400 naming `from`/`to` (from > to, a future revision) or `after`; 410
 *   with `details.compactRevision` when `from` or `to` was compacted; 403 naming the prefix.
 */
export function listChanges(q: ChangesQuery): Promise<ChangesResponse> {
  return withAccess({ prefix: q.prefix }, "read", () => readChanges(q));
}

async function readChanges(q: ChangesQuery): Promise<ChangesResponse> {
  const via = linearizable();
  const cursor = q.after === undefined ? undefined : decodeCursor(q.after);
  const range = prefixRange(q.prefix);
  const from = BigInt(q.from);
  const toAsked = cursor?.revision ?? q.to;
  // One Range for the store revision; compaction is checked only when a read is refused.
  const head = await via.client.kv.range({ key: range.key, keys_only: true, limit: "1" });
  const current = BigInt(head.header.revision);
  const future = `is a future revision (the store is at ${current})`;
  if (from > current) throw invalidField("from", future);
  const to = toAsked === undefined ? current : BigInt(toAsked);
  if (to > current) throw invalidField("to", future);
  if (from > to) throw invalidField("from", `is after to (${to})`);
  try {
    return await scan(q, via, range, cursor?.key ?? range.key, from, to, current);
  } catch (err) {
    if (etcdToGatewayError(err)?.code !== "revision_compacted") throw err;
    await checkRevision("from", from, range.key); // the 410 with details
    await checkRevision("to", to, range.key);
    throw err;
  }
}

/** The scan of {@link readChanges} from `start`, both listings pinned. */
async function scan(
  q: ChangesQuery,
  via: ReadVia,
  range: { key: Buffer; rangeEnd: Buffer },
  start: Buffer,
  from: bigint,
  to: bigint,
  current: bigint,
): Promise<ChangesResponse> {
  const diffs: Diff[] = [];
  let scanFrom = start;
  let more = false;
  // After the first round, ask for as many keys as the byte budget allows at the largest size
  // seen, so a round is one Range per listing rather than readBoundedPage's 16, 128, ….
  let firstBatch: number | undefined;
  let largest = 1;
  for (;;) {
    const [a, b] = await Promise.all(
      [from, to].map((rev) =>
        readBoundedPage(via, {
          key: scanFrom,
          rangeEnd: range.rangeEnd,
          revision: rev.toString(),
          keysOnly: false,
          limit: changesLimits.scanBatch,
          firstBatch,
        }),
      ),
    );
    for (const kv of [...a.kvs, ...b.kvs]) {
      largest = Math.max(largest, kv.key.length + (kv.value?.length ?? 0));
    }
    firstBatch = Math.max(1, Math.floor(RANGE_PAGE_MAX_BYTES / 2 / largest));
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

  const rows = diffs.map(toRow);
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

/** A diff as the API's row (keys and values as text + encoding). */
function toRow(d: Diff): ChangeRow {
  const key = encodeBytes(d.key);
  return {
    key: key.text,
    keyEncoding: key.encoding,
    change: d.change,
    ...(d.before ? { before: toKvDto(d.before) } : {}),
    ...(d.after ? { after: toKvDto(d.after) } : {}),
  };
}
