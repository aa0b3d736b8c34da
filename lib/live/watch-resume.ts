/**
 * Revision arithmetic for resuming a watch stream exactly. Revisions are int64 decimal strings
 * (never JS numbers); null stands for "none yet".
 */

/** Whether revision `a` is strictly above `b` (int64 decimal strings; null is below all). */
export function above(a: string, b: string | null): boolean {
  return b === null || BigInt(a) > BigInt(b);
}

/** The higher of two revisions (null when both are null). */
export function maxRevision(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  return b === null || BigInt(a) >= BigInt(b) ? a : b;
}

/** The `fromRevision` query parameter of a watch URL (null: none, i.e. "from now"). */
export function fromRevisionOf(url: string): string | null {
  const query = url.includes("?") ? url.slice(url.indexOf("?") + 1) : "";
  const from = new URLSearchParams(query).get("fromRevision");
  return from === null || from === "" || from === "0" ? null : from;
}

/**
 * Whether the browser's own `EventSource` reconnect would resume right after `lastRevision`.
 * The browser sends the last `id:` it received as `Last-Event-ID` (the gateway resumes at
 * id + 1, and that header wins over the URL); with no id yet it sends none and the URL's
 * `fromRevision` (or "now") applies. A mismatch happens when the stream dropped before any id
 * reached the browser (a gateway whose `ready` carries no id), or when the last id the browser
 * holds is below the revision this tab already has.
 * @param lastEventId  the last `id:` the EventSource received ("" when none)
 * @param url          the URL the EventSource was opened with
 * @param lastRevision the highest revision delivered to this tab (null: none, resume "from now")
 */
export function browserResumesExactly(
  lastEventId: string,
  url: string,
  lastRevision: string | null,
): boolean {
  if (lastRevision === null) return true;
  const want = BigInt(lastRevision) + BigInt(1);
  if (/^\d+$/.test(lastEventId)) return BigInt(lastEventId) + BigInt(1) === want;
  const from = fromRevisionOf(url);
  return from !== null && BigInt(from) === want;
}
