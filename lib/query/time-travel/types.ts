import type { Encoding, KvDto, ResponseHeader } from "@/lib/contract";

// The time-travel routes' response shapes, as issue 13 states the contract (docs/http-api.md).

/** One version of a key: a put with the value as of `revision`, or a delete at `revision`. */
export type HistoryVersion = { type: "put" | "delete"; revision: string; kv?: KvDto };

/**
 * `GET /api/v1/history?key=K[&keyEncoding][&limit=N][&before=REV]` → a key's versions, newest
 * first, across delete and re-create; `compactRevision`: history before it is gone; `next` is
 * the `before` of the following page.
 */
export type HistoryResponse = {
  header: ResponseHeader;
  compactRevision: string;
  versions: HistoryVersion[];
  more: boolean;
  next?: string;
};

/** How a key differs between `from` and `to`. */
export type ChangeKind = "created" | "updated" | "deleted";

/** One key's net change: `before` is its kv at `from` (absent if created), `after` at `to`. */
export type KeyChange = {
  key: string;
  keyEncoding: Encoding;
  change: ChangeKind;
  before?: KvDto;
  after?: KvDto;
};

/** `GET /api/v1/changes?prefix=P&from=A[&to=B]` → one row per changed key, paged by `next`. */
export type ChangesResponse = {
  header: ResponseHeader;
  from: string;
  to: string;
  changes: KeyChange[];
  more: boolean;
  next?: string;
};

/** One key to restore: its value as of `revision`. */
export type RestoreItem = { key: string; keyEncoding?: Encoding; revision: string };

/** What happened to one key of a restore. */
export type RestoreOutcome = "restored" | "exists" | "not_found" | "compacted";

/** `POST /api/v1/restore` → per-key outcomes (`revision`: the restored key's new mod revision). */
export type RestoreResponse = {
  header: ResponseHeader;
  results: { key: string; keyEncoding: Encoding; outcome: RestoreOutcome; revision?: string }[];
  atomic?: boolean;
  note?: string;
};
