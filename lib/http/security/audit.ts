/** One mutation, as written to stdout by {@link auditLog}. */
export type AuditEntry = {
  time: string;
  client: string;
  method: string;
  route: string;
  key?: string;
  prefix?: string;
  encoding?: string;
  status: number;
  revision?: string;
};

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
  const revision = (result as { header?: { revision?: unknown } } | undefined)?.header?.revision;
  if (typeof revision === "string") entry.revision = revision;
  return entry;
}

/** Write one mutation as one JSON line to stdout (JSON.stringify escapes hostile key bytes). */
export function auditLog(entry: AuditEntry): void {
  process.stdout.write(`${JSON.stringify({ audit: true, ...entry })}\n`);
}
