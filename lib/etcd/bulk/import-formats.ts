import "server-only";
import { z } from "zod";
import { encodingSchema, EXPORT_FORMAT, isWellFormedText, leaseIdSchema } from "@/lib/contract";
import { decodeBytes } from "@/lib/format/bytes";
import { invalidField } from "@/lib/errors/gateway-error";

/** One key to import: exact bytes; `lease` (hex) and `ttl` (s) only from our own exports. */
export type ImportEntry = { key: Buffer; value: Buffer; lease: string | null; ttl: number | null };

/** A parsed import file: its format, its base prefix (our exports only) and its keys. */
export type ParsedImport = {
  format: "etcd-explorer/v1" | "json-object" | "etcdctl-json";
  basePrefix: Buffer | null;
  entries: ImportEntry[];
};

const lineSchema = z.object({
  key: z.string().min(1, "must not be empty"),
  keyEncoding: encodingSchema.default("utf8"),
  value: z.string(),
  valueEncoding: encodingSchema.default("utf8"),
  lease: leaseIdSchema.nullable().optional(),
  ttl: z.number().int().nullable().optional(),
});

const headerSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  prefix: z.string().default(""),
  prefixEncoding: encodingSchema.default("utf8"),
});

/** `etcdctl get -w json`: keys and values base64; int64s as JSON numbers; `value` omitted when empty. */
const etcdctlSchema = z.object({
  header: z.object({}).loose(),
  kvs: z.array(z.object({ key: z.string(), value: z.string().optional() }).loose()).default([]),
});

function bytes(field: string, text: string, encoding: "utf8" | "base64"): Buffer {
  const b = decodeBytes(text, encoding);
  if (!b)
    throw invalidField(
      field,
      encoding === "base64" ? "is not valid base64" : "is not valid Unicode text",
    );
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

function zodField(prefix: string, error: z.ZodError) {
  const issue = error.issues[0];
  return invalidField([prefix, ...issue.path].join("."), issue.message);
}

/**
 * Parse an import file (docs/bulk.md), recognising its format:
 * - our export (NDJSON: a first line whose `format` is `etcd-explorer/v1`, then one key per line);
 * - `etcdctl get --prefix -w json` (an object with `header` and `kvs`, base64 keys and values;
 *   its lease IDs are JSON numbers that lose precision, so leases are never taken from it);
 * - a plain JSON object `{key: value}` of UTF-8 strings.
 * Duplicate keys are refused (one Txn can't put a key twice, and the intent is unclear).
 * @throws GatewayError 400 naming the field (`line N.value`, `kvs.3.key`, `body`).
 */
export function parseImport(text: string): ParsedImport {
  const firstLineEnd = text.indexOf("\n");
  const first = (firstLineEnd < 0 ? text : text.slice(0, firstLineEnd)).trim();
  let head: unknown;
  try {
    head = JSON.parse(first);
  } catch {
    head = undefined;
  }
  if (head && typeof head === "object" && (head as { format?: unknown }).format !== undefined) {
    return parseNdjson(text);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalidField("body", "is neither an etcd-explorer/v1 export, nor JSON");
  }
  if (!json || typeof json !== "object" || Array.isArray(json)) {
    throw invalidField(
      "body",
      "must be an export, an etcdctl -w json dump or a {key: value} object",
    );
  }
  if ("header" in json) return parseEtcdctl(json);
  return parseObject(json as Record<string, unknown>);
}

function parseNdjson(text: string): ParsedImport {
  const lines = text.split("\n");
  const header = headerSchema.safeParse(JSON.parse(lines[0]));
  if (!header.success) throw zodField("line 1", header.error);
  const entries: ImportEntry[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const field = `line ${i + 1}`;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      throw invalidField(field, "is not valid JSON");
    }
    const parsed = lineSchema.safeParse(raw);
    if (!parsed.success) throw zodField(field, parsed.error);
    const l = parsed.data;
    entries.push({
      key: bytes(`${field}.key`, l.key, l.keyEncoding),
      value: bytes(`${field}.value`, l.value, l.valueEncoding),
      lease: l.lease ?? null,
      ttl: l.ttl ?? null,
    });
  }
  const { prefix, prefixEncoding } = header.data;
  return checkUnique({
    format: "etcd-explorer/v1",
    basePrefix: bytes("line 1.prefix", prefix, prefixEncoding),
    entries,
  });
}

function parseEtcdctl(json: object): ParsedImport {
  const parsed = etcdctlSchema.safeParse(json);
  if (!parsed.success) throw zodField("body", parsed.error);
  const entries = parsed.data.kvs.map((kv, i) => ({
    key: bytes(`kvs.${i}.key`, kv.key, "base64"),
    value: bytes(`kvs.${i}.value`, kv.value ?? "", "base64"),
    lease: null,
    ttl: null,
  }));
  return checkUnique({ format: "etcdctl-json", basePrefix: null, entries });
}

function parseObject(json: Record<string, unknown>): ParsedImport {
  const entries = Object.entries(json).map(([key, value]) => {
    if (typeof value !== "string") throw invalidField(key, "must be a string value");
    if (!key) throw invalidField("body", "has an empty key");
    if (!isWellFormedText(key) || !isWellFormedText(value)) {
      throw invalidField(key, "is not valid Unicode text");
    }
    return {
      key: Buffer.from(key, "utf8"),
      value: Buffer.from(value, "utf8"),
      lease: null,
      ttl: null,
    };
  });
  return checkUnique({ format: "json-object", basePrefix: null, entries });
}

function checkUnique(p: ParsedImport): ParsedImport {
  const seen = new Set<string>();
  for (const e of p.entries) {
    const k = e.key.toString("latin1");
    if (seen.has(k))
      throw invalidField("body", `names the key ${JSON.stringify(e.key.toString("utf8"))} twice`);
    seen.add(k);
  }
  return p;
}
