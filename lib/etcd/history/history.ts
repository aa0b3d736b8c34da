import "server-only";
import type { IKeyValue } from "etcd3";
import type { HistoryResponse, HistoryVersion } from "@/lib/contract";
import { invalidField } from "@/lib/errors/gateway-error";
import { encodeBytes } from "@/lib/format/bytes";
import { withAccess } from "../access";
import { getEtcd } from "../client";
import { toKvDto } from "../kv-dto";
import { compactRevision } from "./compact-revision";
import { replayKeyEvents, type KeyEvent } from "./key-replay";
import { versionsBelow } from "./lifetime-probe";
import { compactedError } from "./revision-bounds";

/** What {@link keyHistory} lists: `limit` versions of `key` at revisions below `before`. */
export type HistoryQuery = { key: Buffer; limit: number; before?: string };

/**
 * One page of a key's versions, newest first, across deletes and re-creates.
 *
 * How it reads etcd (docs/time-travel.md has the costs):
 * 1. one Range of the key (its value now, and the store revision every later read stays at or
 *    below), and the compaction revision ({@link compactRevision}: one Range when known);
 * 2. walking back one lifetime of the key: a Range at revision r returns the version live at r
 *    (its number and mod revision); the versions below it are found a Txn of up to 127 Ranges
 *    at a time ({@link versionsBelow}: interpolated revisions, plus "just below the lowest
 *    found", so never worse than one Range per version), then read with values in Txns. Cost
 *    grows with the versions listed, not with the store's size;
 * 3. where the key is absent (deleted, or before its creation), only a replay can tell when it
 *    was deleted and whether it lived before: one watch replay of this key from the compaction
 *    ({@link replayKeyEvents}, reads every revision from there to now), at most once per page;
 *    its delete events carry the value before the delete (prev_kv), so the walk goes on from
 *    there without another Range.
 * History ends at the version live at the compaction revision (its earlier versions are gone).
 * @throws GatewayError 400 naming `before` when it is beyond the store revision + 1, 410 with
 *   `details.compactRevision` when `before` lies at or below the compaction, 403 naming the key,
 *   503/504.
 */
export function keyHistory(q: HistoryQuery): Promise<HistoryResponse> {
  return withAccess({ key: q.key }, "read", () => readHistory(q));
}

async function readHistory(q: HistoryQuery): Promise<HistoryResponse> {
  const client = getEtcd().read;
  const rangeAt = async (revision: bigint): Promise<IKeyValue | null> => {
    const res = await client.kv.range({ key: q.key, revision: revision.toString() });
    return res.kvs[0] ?? null;
  };
  const head = await client.kv.range({ key: q.key });
  const pinned = BigInt(head.header.revision);
  const compact = await compactRevision(q.key, pinned, client);
  const floor = compact > 0n ? compact : 1n;

  let r = pinned;
  // The key at r: undefined when not read yet, null when known absent.
  let kv: IKeyValue | null | undefined = head.kvs[0] ?? null;
  if (q.before !== undefined) {
    const before = BigInt(q.before);
    if (before > pinned + 1n) {
      throw invalidField("before", `is a future revision (the store is at ${pinned})`);
    }
    if (before - 1n < floor) throw compactedError(before - 1n, compact, pinned);
    if (before <= pinned) {
      r = before - 1n;
      kv = undefined;
    }
  }

  const versions: HistoryVersion[] = [];
  let events: KeyEvent[] | undefined;
  let ended = false;
  while (versions.length <= q.limit) {
    if (r < floor) {
      ended = true;
      break;
    }
    if (kv === undefined) kv = await rangeAt(r);
    if (kv) {
      versions.push({ type: "put", revision: kv.mod_revision, kv: toKvDto(kv) });
      const need = q.limit + 1 - versions.length;
      if (kv.version !== "1" && need > 1) {
        const earlier = await versionsBelow(client, q.key, kv, need, floor);
        for (const e of earlier)
          versions.push({ type: "put", revision: e.mod_revision, kv: toKvDto(e) });
        kv = earlier.at(-1) ?? kv;
      }
      r = BigInt(kv.mod_revision) - 1n;
      kv = kv.version === "1" ? null : undefined; // before its first version the key was absent
      continue;
    }
    events ??= await replayKeyEvents(q.key, {
      start: compact + 1n,
      upTo: r,
      pinned,
      compacted: compact > 1n,
    });
    const ev = lastAtOrBelow(events, r);
    if (!ev) {
      ended = true; // absent from the compaction to r
      break;
    }
    if (ev.type === "put") {
      kv = ev.kv; // cannot happen (the key was absent at r); trust the event
      continue;
    }
    versions.push({ type: "delete", revision: ev.revision.toString() });
    r = ev.revision - 1n;
    kv = ev.prevKv ?? undefined;
  }

  const more = !ended && versions.length > q.limit;
  const page = versions.slice(0, q.limit);
  const shown = encodeBytes(q.key);
  return {
    header: { revision: pinned.toString() },
    key: shown.text,
    keyEncoding: shown.encoding,
    compactRevision: compact.toString(),
    versions: page,
    more,
    next: more ? page[page.length - 1].revision : undefined,
  };
}

/** The latest event at or below `revision` (events are oldest first). */
function lastAtOrBelow(events: KeyEvent[], revision: bigint): KeyEvent | undefined {
  for (let i = events.length - 1; i >= 0; i--) if (events[i].revision <= revision) return events[i];
  return undefined;
}
