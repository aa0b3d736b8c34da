import { decodeBytes } from "./bytes";
import { SEPARATOR, type FolderRef } from "./key-path";

/**
 * What a user types to delete the root (see {@link isRootPrefix}). A phrase rather than the
 * prefix itself: typing "/" is too easy to do without reading what it means.
 */
export const DELETE_EVERYTHING_PHRASE = "delete everything";

/**
 * Whether deleting `folder` wipes (nearly) the whole keyspace: the empty prefix (every key in
 * etcd) or the separator alone (`/`, the root of every conventional key name). Compares bytes,
 * so a base64-encoded `/` (`Lw==`) counts too.
 */
export function isRootPrefix(folder: FolderRef): boolean {
  const bytes = decodeBytes(folder.prefix, folder.prefixEncoding);
  if (!bytes) return false;
  return bytes.length === 0 || (bytes.length === 1 && bytes[0] === SEPARATOR.charCodeAt(0));
}
