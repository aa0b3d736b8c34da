import type { StatsChild, StatsDoneEvent } from "@/lib/contract";
import { displayKey } from "@/lib/format/display-key";
import type { FolderRef } from "@/lib/format/key-path";
import { apiUrl } from "@/lib/query/fetcher";

/**
 * `GET /api/v1/stats?prefix=P` for a folder; `revision` (decimal int64 string, the explorer's
 * past view) counts it as of that revision, null the live keyspace.
 */
export function statsUrl(folder: FolderRef, revision: string | null = null): string {
  return apiUrl("/stats", {
    prefix: folder.prefix,
    prefixEncoding: folder.prefixEncoding === "utf8" ? undefined : folder.prefixEncoding,
    revision: revision ?? undefined,
  });
}

/** One treemap cell: a child of the analysed folder, sized by its bytes. */
export type TreemapCell = {
  name: string;
  /** Key + value bytes (the cell's area). */
  size: number;
  keys: string;
  child: StatsChild;
  [k: string]: unknown;
};

/** The children with any bytes, biggest first, as treemap cells (a folder's name ends in `/`). */
export function treemapCells(done: StatsDoneEvent): TreemapCell[] {
  return done.children
    .filter((c) => c.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes)
    .map((c) => ({
      name: `${displayKey(c.name, c.nameEncoding)}${c.folder ? "/" : ""}`,
      size: c.bytes,
      keys: c.keys,
      child: c,
    }));
}

/** Re-exported for the space UI: one byte formatter for the whole UI (lib/format). */
export { formatBytes } from "@/lib/format/byte-size";
