import "server-only";
import type { z } from "zod";
import type { Encoding } from "@/lib/contract";
import { decodeBytes } from "@/lib/etcd/bytes";
import { GatewayError, invalidField } from "./gateway-error";

/** Largest JSON body accepted, in bytes: etcd's default --max-request-bytes (1.5 MiB) + slack. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

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
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw tooLarge();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalidField("body", "is not valid JSON");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw fromZod(parsed.error);
  return parsed.data;
}

function tooLarge(): GatewayError {
  return new GatewayError("too_large", `request body exceeds ${MAX_BODY_BYTES} bytes`);
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
