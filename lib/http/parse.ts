import "server-only";
import type { z } from "zod";
import type { Encoding } from "@/lib/contract";
import { decodeBytes } from "@/lib/etcd/bytes";
import { GatewayError, invalidField } from "./gateway-error";
import { noteAuditKey } from "./security/audit";

/** etcd's default `--max-request-bytes`: a Put whose key + value exceed it never reaches etcd. */
export const ETCD_MAX_REQUEST_BYTES = 1.5 * 1024 * 1024;

/**
 * Largest JSON body accepted, in bytes: an etcd-sized value in base64 (4/3 of 1.5 MiB) plus
 * 16 KiB for the key and the JSON around it. Checked while reading, before parsing.
 */
export const MAX_BODY_BYTES = (ETCD_MAX_REQUEST_BYTES * 4) / 3 + 16 * 1024;

function fromZod(error: z.ZodError): GatewayError {
  const issue = error.issues[0];
  const field = issue.path.length ? issue.path.join(".") : "body";
  return invalidField(field, issue.message);
}

/**
 * Parse the URL's query string with `schema`.
 * @throws GatewayError 400 `invalid_request` naming the first bad parameter.
 */
export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.output<S> {
  const params = Object.fromEntries(new URL(req.url).searchParams);
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw fromZod(parsed.error);
  return parsed.data;
}

/**
 * Parse a JSON request body with `schema`.
 * @throws GatewayError 400 for a non-JSON or malformed body (naming the field), 413 `too_large`
 *   past {@link MAX_BODY_BYTES}.
 */
export async function parseJsonBody<S extends z.ZodType>(
  req: Request,
  schema: S,
): Promise<z.output<S>> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/json")) {
    throw invalidField("content-type", "must be application/json");
  }
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const text = await readBounded(req, MAX_BODY_BYTES);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalidField("body", "is not valid JSON");
  }
  noteAuditKey(req, json);
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw fromZod(parsed.error);
  return parsed.data;
}

function tooLarge(limit = MAX_BODY_BYTES, what = "request body"): GatewayError {
  return new GatewayError("too_large", `${what} exceeds ${limit} bytes`);
}

/** The body as UTF-8 text, stopping (413) as soon as more than `limit` bytes arrived. */
async function readBounded(req: Request, limit: number): Promise<string> {
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Refuse a write whose decoded key + value can't fit etcd's request limit.
 * @throws GatewayError 413 `too_large` past {@link ETCD_MAX_REQUEST_BYTES}.
 */
export function assertEtcdSize(key: Buffer, value: Buffer): void {
  if (key.length + value.length > ETCD_MAX_REQUEST_BYTES) {
    throw tooLarge(ETCD_MAX_REQUEST_BYTES, "key + value");
  }
}

/**
 * Decode a key/value/prefix parameter into bytes.
 * @throws GatewayError 400 naming `field` when base64 is malformed.
 */
export function bytesParam(field: string, text: string, encoding: Encoding): Buffer {
  const buf = decodeBytes(text, encoding);
  if (!buf) throw invalidField(field, "is not valid base64");
  return buf;
}
