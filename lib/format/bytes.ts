import type { Encoding } from "@/lib/contract";

const encoder = new TextEncoder();
// ignoreBOM keeps a leading U+FEFF as a character: dropping it would change the bytes.
const strictDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** A key or value as it travels in the API: text plus its encoding (docs/http-api.md). */
export type EncodedBytes = { text: string; encoding: Encoding };

/**
 * Base64 text → bytes, in the browser (no Buffer).
 * @returns null when `text` is not valid base64.
 */
export function base64ToBytes(text: string): Uint8Array | null {
  const clean = text.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) return null;
  const bin = atob(clean);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Bytes → standard base64 (with padding). */
export function bytesToBase64(bytes: Uint8Array): string {
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
 * The raw bytes of an API text + encoding pair.
 * @returns null when `encoding` is base64 and the text isn't valid base64.
 */
export function decodeBytes(text: string, encoding: Encoding): Uint8Array | null {
  return encoding === "utf8" ? utf8ToBytes(text) : base64ToBytes(text);
}

/** Bytes in the API's canonical form: UTF-8 text when valid UTF-8, else base64 (as the gateway does). */
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
