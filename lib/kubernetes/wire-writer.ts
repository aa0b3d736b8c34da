/** Protobuf wire format, writing side: a growable buffer of tagged fields. */
import { WIRE } from "./wire";

/** Appends protobuf fields; `finish()` returns the bytes written. */
export class WireWriter {
  private buf = new Uint8Array(256);
  private len = 0;

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  /** A varint; negatives are written as 64-bit two's complement (10 bytes), as proto does. */
  varint(v: number | bigint): void {
    let u = BigInt.asUintN(64, BigInt(v));
    this.ensure(10);
    while (u >= 0x80n) {
      this.buf[this.len++] = Number(u & 0x7fn) | 0x80;
      u >>= 7n;
    }
    this.buf[this.len++] = Number(u);
  }

  /** A field tag. */
  tag(number: number, wireType: number): void {
    this.varint(number * 8 + wireType);
  }

  /** Field `number` as a varint. */
  varintField(number: number, v: number | bigint): void {
    this.tag(number, WIRE.varint);
    this.varint(v);
  }

  /** Field `number` as length-delimited bytes. */
  bytesField(number: number, bytes: Uint8Array): void {
    this.tag(number, WIRE.bytes);
    this.varint(bytes.length);
    this.raw(bytes);
  }

  /** Field `number` as a UTF-8 string. */
  stringField(number: number, s: string): void {
    this.bytesField(number, Buffer.from(s, "utf8"));
  }

  /** Bytes with no tag. */
  raw(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
  }

  /** The bytes written so far. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}
