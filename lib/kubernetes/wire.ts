/**
 * Protobuf wire format, reading side: just enough to walk a message's fields without a schema.
 * Kubernetes writes proto2 with go-to-protobuf (gogo): varints, length-delimited bytes, and no
 * groups; fixed32/64 are accepted for completeness (unknown fields from a newer version).
 */

/** Wire types (protobuf encoding spec): 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32. */
export const WIRE = { varint: 0, fixed64: 1, bytes: 2, fixed32: 5 } as const;

/**
 * One occurrence of a field on the wire. `value` holds a varint (a number when it fits in 53
 * bits, else a bigint of the raw unsigned 64 bits); for length-delimited and fixed fields the
 * payload is `buf[start, end)`.
 */
export type WireField = {
  number: number;
  wireType: number;
  value: number | bigint;
  start: number;
  end: number;
};

/** Thrown when bytes are not a well-formed protobuf message. */
export class WireError extends Error {}

/** Reads a varint at `pos`; returns [value, next position]. Values past 2^53 come back as bigint. */
export function readVarint(buf: Uint8Array, pos: number): [number | bigint, number] {
  let result = 0;
  let shift = 0;
  // Fast path: up to 7 bytes (49 bits) fit a JS number exactly.
  for (let i = 0; i < 7; i++) {
    if (pos >= buf.length) throw new WireError("truncated varint");
    const b = buf[pos++];
    result += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return [result, pos];
    shift += 7;
  }
  let big = BigInt(result);
  let bigShift = 49n;
  for (let i = 0; i < 3; i++) {
    if (pos >= buf.length) throw new WireError("truncated varint");
    const b = buf[pos++];
    big |= BigInt(b & 0x7f) << bigShift;
    if (b < 0x80) {
      big = BigInt.asUintN(64, big);
      return [big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big, pos];
    }
    bigShift += 7n;
  }
  throw new WireError("varint longer than 10 bytes");
}

/** Every field occurrence in `buf[start, end)`, in wire order. Throws WireError on bad bytes. */
export function readFields(buf: Uint8Array, start = 0, end = buf.length): WireField[] {
  const out: WireField[] = [];
  let pos = start;
  while (pos < end) {
    const [tag, afterTag] = readVarint(buf, pos);
    const t = Number(tag);
    const number = Math.floor(t / 8);
    const wireType = t & 7;
    if (number < 1) throw new WireError(`field number 0 at byte ${pos}`);
    pos = afterTag;
    if (wireType === WIRE.varint) {
      const [value, next] = readVarint(buf, pos);
      out.push({ number, wireType, value, start: pos, end: next });
      pos = next;
    } else if (wireType === WIRE.bytes) {
      const [len, next] = readVarint(buf, pos);
      const n = Number(len);
      if (next + n > end) throw new WireError(`field ${number} runs past the message`);
      out.push({ number, wireType, value: n, start: next, end: next + n });
      pos = next + n;
    } else if (wireType === WIRE.fixed64 || wireType === WIRE.fixed32) {
      const n = wireType === WIRE.fixed64 ? 8 : 4;
      if (pos + n > end) throw new WireError(`field ${number} runs past the message`);
      out.push({ number, wireType, value: n, start: pos, end: pos + n });
      pos += n;
    } else {
      throw new WireError(`unsupported wire type ${wireType} at byte ${pos}`);
    }
  }
  return out;
}

const utf8 = new TextDecoder("utf-8", { fatal: false });

/** The UTF-8 text of `buf[start, end)` (invalid sequences become U+FFFD, as Go's JSON does). */
export function readString(buf: Uint8Array, start: number, end: number): string {
  return utf8.decode(buf.subarray(start, end));
}

/** A varint read as a signed integer of `bits` (int32 fields carry negatives as 64-bit). */
export function toSigned(value: number | bigint, bits: 32 | 64): number | bigint {
  if (typeof value === "number") {
    if (bits === 32) return value | 0;
    return value; // < 2^53: positive in int64
  }
  const v = BigInt.asIntN(bits, value);
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(v)
    : v;
}
