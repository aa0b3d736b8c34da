import "server-only";
import { isUtf8 } from "node:buffer";
import type { z } from "zod";
import type { Encoding } from "@/lib/contract";
import { decodeBytes } from "@/lib/format/bytes";
import { GatewayError, invalidField } from "../errors/gateway-error";
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
 * @throws GatewayError 400 `invalid_request` naming the first bad parameter, including one
 *   whose percent-escapes are not UTF-8 (see {@link assertUtf8Query}).
 */
export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.output<S> {
  const url = new URL(req.url);
  assertUtf8Query(url.search);
  const params = Object.fromEntries(url.searchParams);
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw fromZod(parsed.error);
  return parsed.data;
}

/**
 * Refuse a query string whose percent-escapes decode to bytes that are not UTF-8 (`%ED%A0%80`,
 * a lone surrogate; `%FF`): URLSearchParams would silently turn them into U+FFFD, so a key
 * would name other bytes than the client sent.
 * @throws GatewayError 400 naming the parameter.
 */
export function assertUtf8Query(search: string): void {
  for (const pair of search.replace(/^\?/, "").split("&")) {
    if (!pair.includes("%")) continue;
    const at = pair.indexOf("=");
    const [name, value] = at < 0 ? [pair, ""] : [pair.slice(0, at), pair.slice(at + 1)];
    for (const part of [name, value]) {
      if (!isUtf8(percentDecodeBytes(part))) {
        throw invalidField(
          safeName(name),
          "is not UTF-8 after percent-decoding; send the bytes as base64",
        );
      }
    }
  }
}

/** The bytes of a percent-encoded query component (`%XX` → the byte, the rest as UTF-8). */
function percentDecodeBytes(text: string): Buffer {
  const bytes: Buffer[] = [];
  let last = 0;
  for (const m of text.matchAll(/%[0-9A-Fa-f]{2}/g)) {
    bytes.push(Buffer.from(text.slice(last, m.index), "utf8"));
    bytes.push(Buffer.from([parseInt(m[0].slice(1), 16)]));
    last = m.index + 3;
  }
  bytes.push(Buffer.from(text.slice(last), "utf8"));
  return Buffer.concat(bytes);
}

/** A parameter name fit for an error message: decoded when it can be, else as sent. */
function safeName(raw: string): string {
  const bytes = percentDecodeBytes(raw.replace(/\+/g, " "));
  return isUtf8(bytes) ? bytes.toString("utf8") : raw;
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

/**
 * The body as UTF-8 text, read while counting: it stops (throws `tooLargeError()`, by default a
 * 413 `too_large` naming `limit`) as soon as more than `limit` bytes arrived, so an oversized
 * body is never held whole.
 */
export async function readBounded(
  req: Request,
  limit: number,
  tooLargeError: () => GatewayError = () => tooLarge(limit),
): Promise<string> {
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
      throw tooLargeError();
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
 * @throws GatewayError 400 naming `field` when base64 is malformed, or when utf8 text holds a
 *   lone UTF-16 surrogate (it has no UTF-8 bytes; send such bytes as base64).
 */
export function bytesParam(field: string, text: string, encoding: Encoding): Buffer {
  const bytes = decodeBytes(text, encoding);
  // A view on the same memory: etcd3 takes Buffers.
  if (bytes) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  throw invalidField(
    field,
    encoding === "base64"
      ? "is not valid base64"
      : "is not valid Unicode text (a lone UTF-16 surrogate); send the bytes as base64",
  );
}
