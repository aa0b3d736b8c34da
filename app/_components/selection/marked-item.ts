import type { Encoding } from "@/lib/contract";
import { concatBytes, decodeBytes, encodeBytes, utf8ToBytes } from "@/lib/format/bytes";
import { SEPARATOR } from "@/lib/format/key-path";

/**
 * One multi-selected tree row: a key, or a folder (every key under its prefix). Its id is the
 * tree's row id (`k:<enc>:<key>`, `f:<enc>:<prefix>`), the same as the opened row's.
 */
export type MarkedItem =
  | { kind: "key"; key: string; encoding: Encoding }
  | { kind: "folder"; key: string; encoding: Encoding };

/** The item a row id names (see {@link MarkedItem}); null for an id of another shape. */
export function parseMarkedId(id: string): MarkedItem | null {
  const m = /^([kf]):(utf8|base64):([\s\S]*)$/.exec(id);
  if (!m) return null;
  return { kind: m[1] === "k" ? "key" : "folder", encoding: m[2] as Encoding, key: m[3] };
}

/** The row id of an item. */
export function markedId(item: MarkedItem): string {
  return `${item.kind === "key" ? "k" : "f"}:${item.encoding}:${item.key}`;
}

/**
 * Where an item lands when copied or moved into the folder `dest` (a prefix, its text in
 * `destEncoding`): `dest` + the item's last path segment, bytes exact (`/a/b/c` → `dest` + `c`,
 * the folder `/a/b/` → `dest` + `b/`). As the copy API wants it: `{from, fromEncoding, to,
 * toEncoding}`; a folder's `from` ends in `/`, which makes it a prefix copy.
 * @returns null when a text doesn't decode (base64 typed wrongly).
 */
export function copyItemInto(
  item: MarkedItem,
  dest: string,
  destEncoding: Encoding = "utf8",
): { from: string; fromEncoding: Encoding; to: string; toEncoding: Encoding } | null {
  const from = decodeBytes(item.key, item.encoding);
  const to = decodeBytes(dest, destEncoding);
  if (!from || !to) return null;
  const sep = utf8ToBytes(SEPARATOR)[0];
  const end = item.kind === "folder" ? from.length - 1 : from.length;
  const start = from.lastIndexOf(sep, end - 1) + 1;
  const name = from.slice(start);
  const target = encodeBytes(concatBytes(to, name));
  return {
    from: item.key,
    fromEncoding: item.encoding,
    to: target.text,
    toEncoding: target.encoding,
  };
}

/** Whether `bytes` begins with `prefix`. */
function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (prefix.length > bytes.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

/**
 * The selection without the items a selected folder already covers: a key or folder under
 * another selected folder (bytes compared, whatever the encoding; a key equal to a folder's
 * prefix is under it, as etcd's prefix range includes it). Order kept; of two folders with the
 * same bytes the first stays. Export, copy, move and delete take this, so no key is exported or
 * written twice (import refuses a file naming a key twice). An item whose text doesn't decode is
 * kept (the actions report it).
 */
export function normaliseMarked(items: readonly MarkedItem[]): MarkedItem[] {
  const bytes = items.map((it) => decodeBytes(it.key, it.encoding));
  return items.filter((it, i) => {
    const mine = bytes[i];
    if (!mine) return true;
    return !items.some((other, j) => {
      const theirs = bytes[j];
      if (j === i || other.kind !== "folder" || !theirs || !startsWith(mine, theirs)) return false;
      // Equal bytes: a key equal to the prefix is covered; of two equal folders the later goes.
      if (theirs.length === mine.length && it.kind === "folder") return j < i;
      return true;
    });
  });
}
