import "server-only";
import { INT64_MAX } from "@/lib/contract";
import { invalidField } from "@/lib/errors/gateway-error";

/**
 * A page cursor: where the next page's scan starts and the revision every page is pinned to,
 * so a paged listing is one consistent snapshot. Opaque to clients: `<revision>.<base64url key>`.
 */
export type Cursor = { revision: string; key: Buffer };

/** Encode a {@link Cursor} for a response's `next`. */
export function encodeCursor(cursor: Cursor): string {
  return `${cursor.revision}.${cursor.key.toString("base64url")}`;
}

/**
 * Decode an `after=` parameter.
 * @throws GatewayError 400 naming `after` when it isn't a cursor this gateway issued, including
 *   a revision of 0 or past int64 (etcd would read it modulo 2^64: another revision).
 */
export function decodeCursor(text: string): Cursor {
  const match = /^([1-9]\d{0,18})\.([A-Za-z0-9_-]*)$/.exec(text);
  if (!match || BigInt(match[1]) > INT64_MAX) {
    throw invalidField("after", "is not a cursor returned by a previous page");
  }
  return { revision: match[1], key: Buffer.from(match[2], "base64url") };
}
