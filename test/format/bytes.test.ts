import { afterEach, describe, expect, it, vi } from "vitest";
import * as bytesModule from "@/lib/format/bytes";

// Bytes that are not UTF-8 (a lone continuation byte, an encoded surrogate), text with a BOM,
// the empty key and a 3-byte tail that needs padding.
const SAMPLES = [
  new Uint8Array([]),
  new Uint8Array([0x80]),
  new Uint8Array([0xed, 0xa0, 0x80]),
  new Uint8Array([0xff, 0x00, 0x01, 0xfe]),
  new TextEncoder().encode("\ufeffbom"),
  new TextEncoder().encode("plain/key 🙂"),
];

/** The module as the browser loads it: no Node Buffer in sight. */
async function browserModule(): Promise<typeof bytesModule> {
  vi.resetModules();
  vi.stubGlobal("Buffer", undefined);
  try {
    return await import("@/lib/format/bytes");
  } finally {
    vi.unstubAllGlobals();
  }
}

afterEach(() => vi.unstubAllGlobals());

describe.each([
  ["on the server (Buffer)", async () => bytesModule],
  ["in the browser (atob/btoa)", browserModule],
])("encodeBytes / decodeBytes %s", (_where, load) => {
  it("round-trips every byte string, choosing utf8 exactly when the bytes are UTF-8", async () => {
    const { decodeBytes, encodeBytes } = await load();
    for (const raw of SAMPLES) {
      const enc = encodeBytes(raw);
      const isUtf8 = (() => {
        try {
          new TextDecoder("utf-8", { fatal: true }).decode(raw);
          return true;
        } catch {
          return false;
        }
      })();
      expect(enc.encoding).toBe(isUtf8 ? "utf8" : "base64");
      expect([...decodeBytes(enc.text, enc.encoding)!]).toEqual([...raw]);
    }
    expect(encodeBytes(new Uint8Array([0xff, 0xfe, 0xfd]))).toEqual({
      text: "//79",
      encoding: "base64",
    });
  });

  it("refuses what has no exact bytes: non-canonical base64 and lone surrogates", async () => {
    const { decodeBytes } = await load();
    expect(decodeBytes("Zm9v\n", "base64")).toBeNull(); // whitespace: not canonical
    expect(decodeBytes("Zm9", "base64")).toBeNull(); // unpadded
    expect(decodeBytes("%%%%", "base64")).toBeNull();
    expect(decodeBytes("a\ud800b", "utf8")).toBeNull();
    expect(decodeBytes("\udc00", "utf8")).toBeNull();
    expect([...decodeBytes("\ud83d\ude42", "utf8")!]).toEqual([0xf0, 0x9f, 0x99, 0x82]);
    expect([...decodeBytes("", "base64")!]).toEqual([]);
  });

  it("base64ToBytes takes pasted base64 with line breaks", async () => {
    const { base64ToBytes, bytesToBase64 } = await load();
    expect([...base64ToBytes("Zm9v\nYmFy\r\n")!]).toEqual([...new TextEncoder().encode("foobar")]);
    expect(base64ToBytes("Zm9v YmF")).toBeNull();
    const big = new Uint8Array(100_000).map((_, i) => (i * 7919) & 0xff);
    expect(bytesToBase64(big)).toBe(Buffer.from(big).toString("base64"));
  });
});
