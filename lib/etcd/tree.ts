import "server-only";
import type { IKeyValue } from "etcd3";
import type { TreeChild, TreeResponse } from "@/lib/contract";
import { encodeBytes, keyAfter, leaseToHex, prefixEnd } from "./bytes";
import { getEtcd } from "./client";
import { decodeCursor, encodeCursor } from "./cursor";
import { childrenHaveKeys } from "./tree-children-check";

/** What {@link listChildren} lists: the folder `prefix`, split on `separator`. */
export type TreeQuery = { prefix: Buffer; separator: Buffer; limit: number; after?: string };

type Row = TreeChild & { leafKey: Buffer };

/**
 * One page of a folder's direct children (etcd Range, keys_only, pinned to one revision).
 *
 * Cost grows with the children returned, not with the keys below them: the scan reads keys in
 * small batches and, on reaching a child folder, jumps past its whole subtree (range_end of
 * `prefix + name + separator`) instead of reading it. A child that is both a key and a folder
 * (`/a` and `/a/b`) is one row; rows come in the order of their first key.
 * @throws GatewayError 400 for a bad `after`, 410 when the pinned revision was compacted, 503/504.
 */
export async function listChildren(q: TreeQuery): Promise<TreeResponse> {
  const { read } = getEtcd();
  const end = prefixEnd(q.prefix);
  const start = q.after ? decodeCursor(q.after) : undefined;
  let revision = start?.revision;
  let cursor = start?.key ?? (q.prefix.length ? q.prefix : Buffer.from([0]));
  const pageStart = cursor;
  const rows: Row[] = [];
  const byName = new Map<string, Row>();
  let more: boolean | undefined;
  let batch = Math.min(q.limit + 1, 64);

  while (more === undefined) {
    const res = await read.kv.range({
      key: cursor,
      range_end: end,
      limit: batch,
      keys_only: true,
      revision,
    });
    revision ??= res.header.revision;
    let hitFolder = false;
    for (const kv of res.kvs) {
      if (Buffer.compare(kv.key, cursor) < 0) continue; // inside a folder already skipped
      const rest = kv.key.subarray(q.prefix.length);
      const at = rest.indexOf(q.separator);
      const name = at < 0 ? rest : rest.subarray(0, at);
      const leafKey = kv.key.subarray(0, q.prefix.length + name.length);
      const known = byName.get(name.toString("hex"));
      const isNewRow = !known && (at < 0 || !(await mergedEarlier(leafKey, pageStart, revision)));
      if (isNewRow && rows.length >= q.limit) {
        more = true;
        break;
      }
      if (at < 0) {
        const row = leafRow(kv, name);
        rows.push(row);
        byName.set(name.toString("hex"), row);
        cursor = keyAfter(kv.key);
      } else {
        if (known) known.hasChildren = true;
        else if (isNewRow) rows.push(folderRow(leafKey, name));
        hitFolder = true;
        const skipTo = prefixEnd(kv.key.subarray(0, q.prefix.length + at + q.separator.length));
        if (skipTo.length === 1 && skipTo[0] === 0) {
          more = false; // the folder runs to the end of the keyspace
          break;
        }
        cursor = skipTo;
      }
    }
    if (more === undefined && !res.more) more = false;
    batch = hitFolder ? Math.max(2, batch >> 1) : Math.min(q.limit + 1, batch * 2);
  }

  await resolveHasChildren(rows, cursor, more, q.separator, revision!);
  return {
    header: { revision: revision! },
    prefix: encodeBytes(q.prefix).text,
    prefixEncoding: encodeBytes(q.prefix).encoding,
    children: rows.map(({ leafKey, ...child }) => child),
    more,
    next: more ? encodeCursor({ revision: revision!, key: cursor }) : undefined,
  };
}

/**
 * A folder `name/` met on this page whose key `name` sorts before the page start was already
 * listed (merged into that key's row) on an earlier page — if that key exists.
 */
async function mergedEarlier(leafKey: Buffer, pageStart: Buffer, revision: string | undefined) {
  if (leafKey.length === 0 || Buffer.compare(leafKey, pageStart) >= 0) return false;
  const res = await getEtcd().read.kv.range({ key: leafKey, keys_only: true, revision });
  return res.kvs.length > 0;
}

/**
 * Fill in `hasChildren` for key rows whose subfolder the scan didn't reach: rows the scan went
 * past have none; the rest are checked together in Txns of range probes.
 */
async function resolveHasChildren(
  rows: Row[],
  cursor: Buffer,
  more: boolean,
  sep: Buffer,
  rev: string,
) {
  const open = rows.filter((r) => r.hasValue && !r.hasChildren);
  const unknown = open.filter(
    (r) => more && Buffer.compare(cursor, prefixEnd(Buffer.concat([r.leafKey, sep]))) < 0,
  );
  const found = await childrenHaveKeys(
    unknown.map((r) => Buffer.concat([r.leafKey, sep])),
    rev,
  );
  unknown.forEach((r, i) => (r.hasChildren = found[i]));
}

function leafRow(kv: IKeyValue, name: Buffer): Row {
  return {
    ...names(kv.key, name),
    leafKey: kv.key,
    hasValue: true,
    hasChildren: false,
    createRevision: kv.create_revision,
    modRevision: kv.mod_revision,
    version: kv.version,
    lease: leaseToHex(kv.lease),
  };
}

function folderRow(leafKey: Buffer, name: Buffer): Row {
  return { ...names(leafKey, name), leafKey, hasValue: false, hasChildren: true };
}

function names(key: Buffer, name: Buffer) {
  const k = encodeBytes(key);
  const n = encodeBytes(name);
  return { name: n.text, nameEncoding: n.encoding, key: k.text, keyEncoding: k.encoding };
}
