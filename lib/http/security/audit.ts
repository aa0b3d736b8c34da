/**
 * Longest key or prefix an audit line carries, in characters of its text form (utf8 text or
 * base64): a 1.5 MiB key would otherwise make a 1.5 MiB log line.
 */
export const AUDIT_KEY_MAX_CHARS = 1024;

/**
 * One mutation, as written to stdout by {@link auditLog}. `key`/`prefix` are in `encoding`, cut
 * to {@link AUDIT_KEY_MAX_CHARS} with `truncated` then holding the full text's length (chars).
 */
export type AuditEntry = {
  time: string;
  client: string;
  method: string;
  route: string;
  key?: string;
  prefix?: string;
  encoding?: string;
  truncated?: number;
  status: number;
  revision?: string;
};

/** `text` cut to `max` UTF-16 units, never between the halves of a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text[max - 1]) ? max - 1 : max;
  return text.slice(0, end);
}

const targets = new WeakMap<Request, { key?: string; encoding?: string }>();

/** Remember the key a request's JSON body names, for its audit line (see parseJsonBody). */
export function noteAuditKey(req: Request, body: unknown): void {
  if (body && typeof body === "object" && typeof (body as { key?: unknown }).key === "string") {
    const b = body as { key: string; keyEncoding?: unknown };
    targets.set(req, { key: b.key, encoding: String(b.keyEncoding ?? "utf8") });
  }
}

/**
 * Build the audit entry of a finished mutation: the key or prefix comes from the query string or
 * the JSON body, the revision from the response's `header.revision` when it has one.
 */
export function auditEntry(
  req: Request,
  client: string,
  status: number,
  result?: unknown,
): AuditEntry {
  const url = new URL(req.url);
  const entry: AuditEntry = {
    time: new Date().toISOString(),
    client,
    method: req.method,
    route: url.pathname,
    status,
  };
  const q = url.searchParams;
  const body = targets.get(req);
  if (q.has("prefix")) {
    entry.prefix = q.get("prefix")!;
    entry.encoding = q.get("prefixEncoding") ?? "utf8";
  } else if (q.has("key")) {
    entry.key = q.get("key")!;
    entry.encoding = q.get("keyEncoding") ?? "utf8";
  } else if (body) {
    Object.assign(entry, body);
  }
  const named = entry.key ?? entry.prefix;
  if (named !== undefined && named.length > AUDIT_KEY_MAX_CHARS) {
    entry.truncated = named.length;
    if (entry.key !== undefined) entry.key = cut(entry.key, AUDIT_KEY_MAX_CHARS);
    else entry.prefix = cut(named, AUDIT_KEY_MAX_CHARS);
  }
  const revision = (result as { header?: { revision?: unknown } } | undefined)?.header?.revision;
  if (typeof revision === "string") entry.revision = revision;
  return entry;
}

/** Write one mutation as one JSON line to stdout (JSON.stringify escapes hostile key bytes). */
export function auditLog(entry: AuditEntry): void {
  process.stdout.write(`${JSON.stringify({ audit: true, ...entry })}\n`);
}
