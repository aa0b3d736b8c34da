import type { Encoding } from "@/lib/contract";
import { concatBytes, decodeBytes, encodeBytes, utf8ToBytes, type EncodedBytes } from "./bytes";

/** The tree's path separator (the API's default `separator`). */
export const SEPARATOR = "/";

/** A key as the API names it: text + encoding. */
export type KeyRef = { key: string; keyEncoding: Encoding };

/** A folder as the API names it: prefix text + encoding (the root is `{prefix: ""}`). */
export type FolderRef = { prefix: string; prefixEncoding: Encoding };

/** The root folder: the empty prefix. */
export const ROOT_FOLDER: FolderRef = { prefix: "", prefixEncoding: "utf8" };

/** A stable string id for a folder, for Sets and React keys. */
export function folderId(folder: FolderRef): string {
  return `${folder.prefixEncoding}:${folder.prefix}`;
}

/** The folder below a key: `key + separator`, in canonical encoding. */
export function folderOfKey(ref: KeyRef): FolderRef {
  const bytes = decodeBytes(ref.key, ref.keyEncoding) ?? new Uint8Array();
  return toFolder(encodeBytes(concatBytes(bytes, utf8ToBytes(SEPARATOR))));
}

/**
 * Every folder on the way to a key, outermost first, without the root: for `/config/app.json`
 * → `/`, `/config/`. These are the folders a deep link opens.
 */
export function ancestorFolders(ref: KeyRef): FolderRef[] {
  const bytes = decodeBytes(ref.key, ref.keyEncoding);
  if (!bytes) return [];
  const sep = SEPARATOR.charCodeAt(0);
  const out: FolderRef[] = [];
  for (let i = 0; i < bytes.length - 1; i++) {
    if (bytes[i] === sep) out.push(toFolder(encodeBytes(bytes.slice(0, i + 1))));
  }
  return out;
}

/** The folder a key is listed in (its parent): the text up to its last separator, or the root. */
export function parentFolder(ref: KeyRef): FolderRef {
  return ancestorFolders(ref).at(-1) ?? ROOT_FOLDER;
}

function toFolder(enc: EncodedBytes): FolderRef {
  return { prefix: enc.text, prefixEncoding: enc.encoding };
}
