import type { ChangeRow, HistoryVersion, KvDto, RestoreBody } from "@/lib/contract";

// The time-travel routes' shapes come from the contract (lib/contract/history.ts); these names
// are what the UI calls them.
export type {
  ChangeKind,
  ChangesResponse,
  HistoryResponse,
  HistoryVersion,
  RestoreOutcome,
  RestoreResponse,
} from "@/lib/contract";

/** One key's net change between two revisions (a row of `GET /api/v1/changes`). */
export type KeyChange = ChangeRow;

/** One key to restore: its value as of `revision` (`keyEncoding` defaults to utf8). */
export type RestoreItem = Omit<RestoreBody["items"][number], "keyEncoding"> &
  Partial<Pick<RestoreBody["items"][number], "keyEncoding">>;

/** A history version's key-value: a put's kv, null for a delete (it has no value). */
export function versionKv(v: HistoryVersion): KvDto | null {
  return v.type === "put" ? v.kv : null;
}
