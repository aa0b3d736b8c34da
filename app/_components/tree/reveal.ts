import type { TreeChild } from "@/lib/contract";
import {
  compareBytes,
  concatBytes,
  decodeBytes,
  encodeBytes,
  utf8ToBytes,
} from "@/lib/format/bytes";
import { parentFolder, SEPARATOR, type FolderRef, type KeyRef } from "@/lib/format/key-path";
import type { Selection } from "../use-selection";

/**
 * The tree row a selection lives in, so the tree can page its folder to it, scroll it into view
 * and make it the active row (jump-to-key, a search result, a deep link).
 */
export type RevealTarget = {
  /** The folder whose listing holds the row. */
  folder: FolderRef;
  /** The row's key in canonical encoding (as `GET /tree` names it). */
  row: KeyRef;
  /** Where the row sorts among its siblings: the key itself, or `prefix/` for a folder-only row. */
  sortBytes: Uint8Array;
};

const SEP = utf8ToBytes(SEPARATOR);

/** The row to reveal for a selection; null for none, the root, or undecodable text. */
export function revealTarget(selection: Selection): RevealTarget | null {
  if (selection.kind === "key") {
    const bytes = decodeBytes(selection.ref.key, selection.ref.keyEncoding);
    if (!bytes) return null;
    const row = toRef(bytes);
    return { folder: parentFolder(row), row, sortBytes: bytes };
  }
  if (selection.kind === "folder") {
    const bytes = decodeBytes(selection.folder.prefix, selection.folder.prefixEncoding);
    // The root ("") has no row; a prefix not ending in the separator is no tree folder.
    if (!bytes || bytes.length === 0 || bytes.at(-1) !== SEP[0]) return null;
    const row = toRef(bytes.slice(0, -1));
    return { folder: parentFolder(row), row, sortBytes: bytes };
  }
  return null;
}

/** Whether `child` is the target's row. */
export function isTargetRow(child: TreeChild, target: RevealTarget): boolean {
  return child.key === target.row.key && child.keyEncoding === target.row.keyEncoding;
}

/**
 * Whether the target's row may still come on a later page: the last row loaded sorts before it.
 * A folder-only row sorts by its first key, which starts with `name/`.
 */
export function targetIsFurther(last: TreeChild | undefined, target: RevealTarget): boolean {
  if (!last) return true;
  const key = decodeBytes(last.key, last.keyEncoding);
  if (!key) return false;
  const sort = last.hasValue ? key : concatBytes(key, SEP);
  return compareBytes(sort, target.sortBytes) < 0;
}

function toRef(bytes: Uint8Array): KeyRef {
  const enc = encodeBytes(bytes);
  return { key: enc.text, keyEncoding: enc.encoding };
}
