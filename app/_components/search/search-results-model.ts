import type { SearchMatchEvent } from "@/lib/contract";
import { folderId, parentFolder, type FolderRef } from "@/lib/format/key-path";

/** The matches of one folder, in the order they arrived (key order: the scan reads in order). */
export type ResultGroup = { folder: FolderRef; matches: SearchMatchEvent[] };

/**
 * Matches grouped by the folder they are listed in in the tree (their parent), groups in order
 * of their first match. A key's row in the tree is under exactly this folder.
 */
export function groupByFolder(matches: readonly SearchMatchEvent[]): ResultGroup[] {
  const groups = new Map<string, ResultGroup>();
  for (const m of matches) {
    const folder = parentFolder(m);
    const id = folderId(folder);
    let group = groups.get(id);
    if (!group) {
      group = { folder, matches: [] };
      groups.set(id, group);
    }
    group.matches.push(m);
  }
  return [...groups.values()];
}

/** The matches as NDJSON: one `match` message per line, as the gateway sent it. */
export function matchesToNdjson(matches: readonly SearchMatchEvent[]): string {
  let out = "";
  for (const m of matches) out += `${JSON.stringify(m)}\n`;
  return out;
}

/** Start a download of the matches as `etcd-search-<revision>.ndjson`, from a Blob URL. */
export function downloadMatches(matches: readonly SearchMatchEvent[], revision: string | null) {
  const blob = new Blob([matchesToNdjson(matches)], { type: "application/x-ndjson" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = revision ? `etcd-search-${revision}.ndjson` : "etcd-search.ndjson";
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** A decimal-string count for people: `412000` → `412,000`. */
export function formatCount(n: string | number): string {
  try {
    return BigInt(n).toLocaleString("en-US");
  } catch {
    return String(n);
  }
}
