import "server-only";
import type { IKeyValue } from "etcd3";
import type { TreeChild, TreeResponse } from "@/lib/contract";
import { withAccess } from "../access";
import { encodeBytes } from "@/lib/format/bytes";
import { keyAfter, leaseToHex, prefixEnd } from "../bytes";
import { decodeCursor, encodeCursor } from "../cursor";
import { readWithFallback, type ReadVia } from "../read-fallback";
import { endOf, prefixWindow, probeWindows, staircase, type Window } from "./tree-windows";

/** What {@link listChildren} lists: the folder `prefix`, split on `separator`. */
export type TreeQuery = {
  prefix: Buffer;
  separator: Buffer;
  limit: number;
  after?: string;
  /** List the folder as it was at this revision (decimal); absent: now. */
  revision?: string;
};

/** A child found so far; `firstKey` orders rows, `resumeAt` is where the next page starts. */
type Found = {
  row: TreeChild;
  leafKey: Buffer;
  firstKey: Buffer;
  resumeAt: Buffer;
  skip?: boolean;
};

/** The revision a page is pinned to and where its reads go (all on one client). */
type Pinned = { revision: string; via: ReadVia };

/** Windows probed per round at most (a few Txns of 128 probes, sent together). */
const MAX_WINDOWS_PER_ROUND = 512;

/**
 * One page of a folder's direct children (etcd Txns of keys-only Range probes, every probe
 * pinned to one revision).
 *
 * Cost grows with the children returned, not with the keys below them: a child folder is never
 * read, only its first key; the scan then jumps past its subtree. The rest of the folder is
 * split into disjoint windows around each skipped subtree (see `staircase`) and probed in
 * rounds of batched Txns, so 200 child folders take a handful of round trips, and no round
 * walks an index entry twice (etcd 3.4 walks every key of a range whatever its limit).
 * A child that is both a key and a folder (`/a` and `/a/b`) is one row; rows come in the order
 * of their first key. Without a leader the whole page is read serializably from one member,
 * marked in the header (see readWithFallback). A worked example: docs/tree-listing.md.
 * With `revision` the folder is listed as it was then (`atRevision`; `header.revision` is the
 * store revision now).
 * @throws GatewayError 400 for a bad `after`, 403 `etcd_permission_denied` naming the folder,
 *   410 when the pinned revision was compacted, 400 for a future `revision`, 503/504.
 */
export function listChildren(q: TreeQuery): Promise<TreeResponse> {
  return readWithFallback((via) => listChildrenVia(q, via));
}

async function listChildrenVia(q: TreeQuery, via: ReadVia): Promise<TreeResponse> {
  const end = endOf(q.prefix);
  const start = q.after ? decodeCursor(q.after) : undefined;
  const pageStart = start?.key ?? (q.prefix.length ? q.prefix : Buffer.from([0]));
  const first = await withAccess({ prefix: q.prefix }, "read", () =>
    via.client.kv.range({
      serializable: via.serializable,
      key: pageStart,
      range_end: end ?? Buffer.from([0]),
      limit: Math.min(q.limit + 1, 256),
      keys_only: true,
      revision: start?.revision ?? q.revision,
    }),
  );
  const revision = start?.revision ?? q.revision ?? first.header.revision;
  const found = new Map<string, Found>();
  const pinned: Pinned = { revision, via };
  let windows: Window[] = await absorb(
    q,
    found,
    pageStart,
    pinned,
    { start: pageStart, end, limit: 0 },
    first,
  );

  for (;;) {
    const open = windows[0]?.start;
    const ready = sorted(found).filter((f) => !open || Buffer.compare(f.firstKey, open) < 0);
    if (ready.length >= q.limit || windows.length === 0) break;
    const batch = windows.slice(0, MAX_WINDOWS_PER_ROUND);
    const answers = await probeWindows(batch, revision, via);
    const next: Window[] = [];
    for (const [i, w] of batch.entries()) {
      next.push(...(await absorb(q, found, pageStart, pinned, w, answers[i])));
    }
    windows = [...next, ...windows.slice(batch.length)];
  }

  const open = windows[0]?.start;
  const ordered = sorted(found);
  const page = ordered.slice(0, q.limit);
  const more = ordered.length > page.length || (open !== undefined && page.length === q.limit);
  await resolveHasChildren(page, q.separator, pinned);
  const last = page[page.length - 1];
  const folder = encodeBytes(q.prefix);
  return {
    // A past-revision listing reports the store revision now beside the revision it shows.
    header: { revision: q.revision === undefined ? revision : first.header.revision },
    ...(q.revision === undefined ? {} : { atRevision: revision }),
    prefix: folder.text,
    prefixEncoding: folder.encoding,
    children: page.map((f) => f.row),
    more,
    next: more && last ? encodeCursor({ revision, key: last.resumeAt }) : undefined,
  };
}

/**
 * Take in what one window's probe returned: record the children it shows and return the
 * windows still to scan inside it (none when it is exhausted).
 */
async function absorb(
  q: TreeQuery,
  found: Map<string, Found>,
  pageStart: Buffer,
  pinned: Pinned,
  w: Window,
  res: { kvs: IKeyValue[]; more: boolean },
): Promise<Window[]> {
  const floor = q.prefix.length;
  for (const kv of res.kvs) {
    const rest = kv.key.subarray(floor);
    const at = rest.indexOf(q.separator);
    const name = at < 0 ? rest : rest.subarray(0, at);
    const leafKey = kv.key.subarray(0, floor + name.length);
    const id = name.toString("hex");
    let f = found.get(id);
    if (at < 0) {
      if (!f) found.set(id, (f = newFound(leafKey, name, kv.key)));
      Object.assign(f.row, leafMeta(kv));
      f.firstKey = leafKey;
      f.resumeAt = keyAfter(leafKey);
      continue;
    }
    const folder = kv.key.subarray(0, floor + at + q.separator.length);
    const afterFolder = prefixEnd(folder);
    if (!f) {
      f = newFound(leafKey, name, kv.key);
      f.resumeAt = afterFolder;
      f.skip = await mergedEarlier(leafKey, pageStart, pinned);
      found.set(id, f);
    }
    f.row.hasChildren = true;
    if (afterFolder.length === 1 && afterFolder[0] === 0) return []; // runs to the keyspace end
    return staircase(afterFolder, w.end, floor);
  }
  if (!res.more || res.kvs.length === 0) return [];
  const lastKey = res.kvs[res.kvs.length - 1].key;
  return [{ start: keyAfter(lastKey), end: w.end, limit: Math.max(w.limit, 2) * 2 }];
}

/** A tree row for the child `name` (whose full key is `leafKey`), before anything is known. */
export function blankRow(leafKey: Buffer, name: Buffer): TreeChild {
  const k = encodeBytes(leafKey);
  const n = encodeBytes(name);
  return {
    name: n.text,
    nameEncoding: n.encoding,
    key: k.text,
    keyEncoding: k.encoding,
    hasValue: false,
    hasChildren: false,
  };
}

function newFound(leafKey: Buffer, name: Buffer, firstKey: Buffer): Found {
  return {
    row: blankRow(leafKey, name),
    leafKey,
    firstKey,
    resumeAt: keyAfter(firstKey),
  };
}

function leafMeta(kv: IKeyValue): Partial<TreeChild> {
  return {
    hasValue: true,
    createRevision: kv.create_revision,
    modRevision: kv.mod_revision,
    version: kv.version,
    lease: leaseToHex(kv.lease),
  };
}

function sorted(found: Map<string, Found>): Found[] {
  return [...found.values()]
    .filter((f) => !f.skip)
    .sort((a, b) => Buffer.compare(a.firstKey, b.firstKey));
}

/**
 * A folder `name/` met on this page whose key `name` sorts before the page start was already
 * listed (merged into that key's row) on an earlier page — if that key exists.
 */
async function mergedEarlier(leafKey: Buffer, pageStart: Buffer, { revision, via }: Pinned) {
  if (leafKey.length === 0 || Buffer.compare(leafKey, pageStart) >= 0) return false;
  const { client, serializable } = via;
  const res = await client.kv.range({ key: leafKey, keys_only: true, revision, serializable });
  return res.kvs.length > 0;
}

/** Key rows whose subfolder the scan hasn't met are probed together (one window each). */
async function resolveHasChildren(page: Found[], sep: Buffer, { revision, via }: Pinned) {
  const open = page.filter((f) => f.row.hasValue && !f.row.hasChildren);
  const windows = open.map((f) => prefixWindow(Buffer.concat([f.leafKey, sep]), 1));
  const answers = await probeWindows(windows, revision, via);
  open.forEach((f, i) => (f.row.hasChildren = answers[i].kvs.length > 0));
}
