import "server-only";
import { GatewayError, invalidField } from "../../errors/gateway-error";
import { readBounded } from "../parse";

/** Largest import upload, in bytes (64 MiB); tests lower it through {@link importLimits}. */
export const IMPORT_MAX_BYTES = 64 * 1024 * 1024;

/** The upload limit in force (bytes). */
export const importLimits = { maxBytes: IMPORT_MAX_BYTES };

const TYPES = ["application/json", "application/x-ndjson"];

/**
 * The body of `POST /import` as UTF-8 text: `Content-Type` must be `application/json` or
 * `application/x-ndjson` (neither is a type a cross-site form can send). Read while counting,
 * so an oversized upload stops at the limit instead of being held whole.
 * @throws GatewayError 400 naming `content-type`, 413 `too_large` past {@link importLimits}
 *   (also from a declared `Content-Length`).
 */
export async function readImportBody(req: Request): Promise<string> {
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  if (!TYPES.some((t) => type.startsWith(t))) {
    throw invalidField("content-type", `must be ${TYPES.join(" or ")}`);
  }
  const limit = importLimits.maxBytes;
  const tooLarge = () =>
    new GatewayError("too_large", `the upload exceeds ${limit} bytes; split the file`, { limit });
  if (Number(req.headers.get("content-length") ?? "0") > limit) throw tooLarge();
  return readBounded(req, limit, tooLarge);
}
