import type { LogRow } from "./event-log-reducer";

/** One exported event (a line of the NDJSON export). */
export type ExportedEvent = {
  revision: string;
  type: "put" | "delete";
  key: string;
  keyEncoding: "utf8" | "base64";
  /** null for a delete. */
  value: string | null;
  valueEncoding: "utf8" | "base64";
  modRevision: string;
  prevValue?: string;
  prevValueEncoding?: "utf8" | "base64";
};

/**
 * The rows as NDJSON: one JSON object per event, oldest first, each line ending in `\n`. Gap
 * markers are not events and are left out.
 */
export function toNdjson(rows: LogRow[]): string {
  let out = "";
  for (const row of rows) {
    if (row.kind !== "event") continue;
    const line: ExportedEvent = {
      revision: row.revision,
      type: row.type,
      key: row.key,
      keyEncoding: row.keyEncoding,
      value: row.type === "delete" ? null : row.value,
      valueEncoding: row.valueEncoding,
      modRevision: row.modRevision,
    };
    if (row.prev) {
      line.prevValue = row.prev.value;
      line.prevValueEncoding = row.prev.valueEncoding;
    }
    out += `${JSON.stringify(line)}\n`;
  }
  return out;
}

/** Start a download of `rows` as `etcd-events-<first>-<last>.ndjson`, from a Blob URL. */
export function downloadNdjson(rows: LogRow[]): void {
  const events = rows.filter((r) => r.kind === "event");
  const name =
    events.length > 0
      ? `etcd-events-${events[0].revision}-${events.at(-1)?.revision}.ndjson`
      : "etcd-events.ndjson";
  const url = URL.createObjectURL(new Blob([toNdjson(rows)], { type: "application/x-ndjson" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked after the click has been handled, so the download has its data.
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
