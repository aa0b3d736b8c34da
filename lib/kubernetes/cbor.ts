/**
 * CBOR storage (KEP-4222): kube-apiserver prefixes CBOR values with the self-described CBOR tag
 * 55799 (bytes d9 d9 f7). Go strings may be written as CBOR byte strings, so byte strings that
 * are valid UTF-8 are read back as text; others become base64, as Go's JSON prints []byte.
 */
import { Decoder } from "cbor-x";

/** The self-described CBOR magic. */
export const CBOR_MAGIC = Uint8Array.of(0xd9, 0xd9, 0xf7);

const decoder = new Decoder({ mapsAsObjects: false, useRecords: false });
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Whether a value starts with the self-described CBOR magic. */
export function hasCborMagic(value: Uint8Array): boolean {
  return value.length >= 3 && value[0] === 0xd9 && value[1] === 0xd9 && value[2] === 0xf7;
}

/** Decodes a CBOR value into plain JSON-like data. Throws on malformed CBOR. */
export function decodeCbor(value: Uint8Array): unknown {
  return toJsonLike(decoder.decode(value));
}

function toJsonLike(v: unknown): unknown {
  if (v instanceof Uint8Array) {
    try {
      return utf8.decode(v);
    } catch {
      return Buffer.from(v).toString("base64");
    }
  }
  if (v instanceof Map) {
    // fromEntries defines own properties: a "__proto__" key stays data, never a prototype.
    return Object.fromEntries([...v].map(([k, val]) => [String(toJsonLike(k)), toJsonLike(val)]));
  }
  if (Array.isArray(v)) return v.map(toJsonLike);
  if (typeof v === "bigint")
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(v)
      : v.toString();
  if (v instanceof Date) return v.toISOString();
  if (v && typeof v === "object" && "value" in v && "tag" in v)
    return toJsonLike((v as { value: unknown }).value);
  if (v && typeof v === "object")
    return Object.fromEntries(Object.entries(v).map(([k, val]) => [k, toJsonLike(val)]));
  return v;
}
