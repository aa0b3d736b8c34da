import "server-only";
import type { IKeyValue } from "etcd3";
import {
  STATS_LARGEST,
  STATS_MAX_CHILDREN,
  type StatsChild,
  type StatsDoneEvent,
} from "@/lib/contract";
import { encodeBytes } from "@/lib/format/bytes";
import type { ScanPage } from "../scan/scan";

type Child = { name: Buffer; key: Buffer; folder: boolean; keys: bigint; bytes: number };
type Big = { key: Buffer; bytes: number };

/**
 * Space analytics of the keys under `prefix`, fed the scan's pages (with values) in key order:
 * total keys and bytes (key bytes + value bytes), the same per child — the next path segment
 * after the prefix up to `separator`: a folder (`a/…`, key = prefix + `a` + separator) or a leaf
 * key (`a`); both can exist — and the {@link STATS_LARGEST} biggest keys.
 * Keys arrive sorted, so a folder's keys are contiguous and only the current child is open;
 * at most 2 × {@link STATS_MAX_CHILDREN} finished children are held (the smallest are folded
 * into `otherChildren`), so a folder with a million children stays bounded in memory.
 */
export function statsConsumer(prefix: Buffer, separator: Buffer) {
  let keys = 0n;
  let bytes = 0;
  let current: Child | undefined;
  let children: Child[] = [];
  const other = { children: 0n, keys: 0n, bytes: 0 };
  const largest: Big[] = [];

  const closeCurrent = () => {
    if (!current) return;
    children.push(current);
    current = undefined;
    if (children.length >= 2 * STATS_MAX_CHILDREN) children = keepLargest(children, other);
  };

  const add = (kv: IKeyValue) => {
    const size = kv.key.length + (kv.value?.length ?? 0);
    keys++;
    bytes += size;
    noteLargest(largest, { key: kv.key, bytes: size });
    const rest = kv.key.subarray(prefix.length);
    const at = rest.indexOf(separator);
    const folder = at >= 0;
    const name = folder ? rest.subarray(0, at) : rest;
    const key = folder ? kv.key.subarray(0, prefix.length + at + separator.length) : kv.key;
    if (!current || current.folder !== folder || !current.key.equals(key)) {
      closeCurrent();
      current = { name: Buffer.from(name), key: Buffer.from(key), folder, keys: 0n, bytes: 0 };
    }
    current.keys++;
    current.bytes += size;
  };

  return {
    /** Count one page; never stops the scan. */
    page(page: ScanPage): boolean {
      for (const kv of page.kvs) add(kv);
      return true;
    },
    /** The `done` event at the scan's revision. */
    done(revision: string): StatsDoneEvent {
      closeCurrent();
      const kept = children.length > STATS_MAX_CHILDREN ? keepLargest(children, other) : children;
      kept.sort((a, b) => Buffer.compare(a.key, b.key));
      return {
        revision,
        keys: String(keys),
        bytes,
        children: kept.map(childDto),
        otherChildren: other.children
          ? { children: String(other.children), keys: String(other.keys), bytes: other.bytes }
          : null,
        largest: largest.map((b) => {
          const key = encodeBytes(b.key);
          return { key: key.text, keyEncoding: key.encoding, bytes: b.bytes };
        }),
      };
    },
  };
}

/** The {@link STATS_MAX_CHILDREN} largest children; the rest is added to `other`. */
function keepLargest(children: Child[], other: { children: bigint; keys: bigint; bytes: number }) {
  children.sort((a, b) => b.bytes - a.bytes);
  for (const dropped of children.slice(STATS_MAX_CHILDREN)) {
    other.children++;
    other.keys += dropped.keys;
    other.bytes += dropped.bytes;
  }
  return children.slice(0, STATS_MAX_CHILDREN);
}

/** Keep `list` the {@link STATS_LARGEST} biggest, biggest first (ties: the earlier key). */
function noteLargest(list: Big[], big: Big): void {
  if (list.length === STATS_LARGEST && list[list.length - 1].bytes >= big.bytes) return;
  let i = list.length;
  while (i > 0 && list[i - 1].bytes < big.bytes) i--;
  list.splice(i, 0, { key: Buffer.from(big.key), bytes: big.bytes });
  if (list.length > STATS_LARGEST) list.pop();
}

function childDto(c: Child): StatsChild {
  const name = encodeBytes(c.name);
  const key = encodeBytes(c.key);
  return {
    name: name.text,
    nameEncoding: name.encoding,
    key: key.text,
    keyEncoding: key.encoding,
    folder: c.folder,
    keys: String(c.keys),
    bytes: c.bytes,
  };
}
