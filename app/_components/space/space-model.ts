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

/** Bytes for people: 1536 → "1.5 KiB". */
export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v} B` : `${v.toFixed(v >= 100 ? 0 : 1)} ${units[u]}`;
}
