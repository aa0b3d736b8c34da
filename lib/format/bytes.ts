import { isWellFormedText, type Encoding } from "@/lib/contract";

const encoder = new TextEncoder();
// ignoreBOM keeps a leading U+FEFF as a character: dropping it would change the bytes.
const strictDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** A key or value as it travels in the API: text plus its encoding (docs/http-api.md). */
export type EncodedBytes = { text: string; encoding: Encoding };

/**
 * Node's Buffer on the server, undefined in the browser. Read off globalThis (not named as a
 * free variable) so no bundler ships a Buffer polyfill to the browser for it.
 */
const NodeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer;

/** Canonical base64: the standard alphabet, padded to a multiple of 4, no whitespace. */
function isCanonicalBase64(text: string): boolean {
  return /^[A-Za-z0-9+/]*={0,2}$/.test(text) && text.length % 4 === 0;
}

/**
 * Base64 text → bytes; whitespace (line breaks in pasted base64) is ignored.
 * @returns null when `text` is not valid base64.
 */
export function base64ToBytes(text: string): Uint8Array | null {
  const clean = text.replace(/\s+/g, "");
  return isCanonicalBase64(clean) ? canonicalBase64ToBytes(clean) : null;
}

/** Bytes of base64 text already known to be canonical. */
function canonicalBase64ToBytes(text: string): Uint8Array {
  // Node's codec on the server: a 16 MiB range page decodes in ms, not a second.
  if (NodeBuffer) {
    const buf = NodeBuffer.from(text, "base64");
    // A plain Uint8Array view, so both sides return the same type.
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Bytes → standard base64 (with padding). */
export function bytesToBase64(bytes: Uint8Array): string {
  // 16 MiB of binary values: ~15 ms through Buffer, ~1.4 s through the string below.
  if (NodeBuffer) {
    return NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
  }
  let bin = "";
  // Chunked so a large value never overflows the argument limit of fromCharCode.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin);
}

/** UTF-8 text → bytes. */
export function utf8ToBytes(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Bytes → UTF-8 text, or null when the bytes are not valid UTF-8. */
export function bytesToUtf8(bytes: Uint8Array): string | null {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * The raw bytes of an API text + encoding pair (lib/contract/kv.ts), on the gateway (a key or
 * value parameter) and in the browser alike.
 * @returns null when `encoding` is base64 and `text` is not canonical base64 (whitespace
 *   included), or when it is utf8 and `text` holds a lone UTF-16 surrogate (JSON's `"\ud800"`):
 *   it has no UTF-8 form, and encoding it would silently write U+FFFD instead.
 */
export function decodeBytes(text: string, encoding: Encoding): Uint8Array | null {
  if (encoding === "utf8") return isWellFormedText(text) ? utf8ToBytes(text) : null;
  return isCanonicalBase64(text) ? canonicalBase64ToBytes(text) : null;
}

/**
 * Bytes in the API's canonical form: UTF-8 text when the bytes are valid UTF-8, else base64.
 * The gateway encodes every key and value it returns with this; the browser uses it to build
 * keys (folder prefixes) the same way.
 */
export function encodeBytes(bytes: Uint8Array): EncodedBytes {
  const text = bytesToUtf8(bytes);
  return text === null
    ? { text: bytesToBase64(bytes), encoding: "base64" }
    : { text, encoding: "utf8" };
}

/** `a` followed by `b`, as a new array. */
export function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Byte order, as etcd sorts keys: negative when `a` sorts before `b`, 0 when equal. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}
