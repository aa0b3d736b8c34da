import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import * as kv from "@/app/api/v1/kv/route";
import * as watch from "@/app/api/v1/watch/route";
import { call, q, rawClient, uniquePrefix } from "../helpers/api";
import { openSse } from "../helpers/sse";

const etcd = rawClient();
const base = uniquePrefix("roundtrip");
afterAll(async () => {
  await etcd.delete().prefix(base);
  etcd.close();
});

/** The bytes a `{text, encoding}` pair from the gateway stands for. */
const bytesOf = (text: string, encoding: string) =>
  Buffer.from(text, encoding === "base64" ? "base64" : "utf8");

/** Random bytes, biased towards the troublesome: UTF-8 fragments, BOMs, NULs, control chars. */
const bytes = (min: number, max: number) =>
  fc.oneof(
    fc.uint8Array({ minLength: min, maxLength: max }),
    fc.string({ unit: "binary", minLength: min, maxLength: max }).map((s) => Buffer.from(s)),
    fc
      .array(fc.constantFrom(0x00, 0x0a, 0x1b, 0x7f, 0x80, 0xc3, 0xef, 0xbb, 0xbf, 0xff, 0x2f), {
        minLength: min,
        maxLength: max,
      })
      .map((a) => Uint8Array.from(a)),
  );

describe("put → get → watch round trip", () => {
  it("keeps arbitrary key and value bytes exact", async () => {
    const sse = await openSse(watch.GET, `/api/v1/watch?prefix=${q(base)}`);
    await sse.next((m) => m.event === "ready");
    try {
      await fc.assert(
        fc.asyncProperty(bytes(1, 64), bytes(0, 512), async (suffix, value) => {
          const key = Buffer.concat([Buffer.from(base), suffix]);
          const put = await call(kv.PUT, "PUT", "/api/v1/kv", {
            key: key.toString("base64"),
            keyEncoding: "base64",
            value: Buffer.from(value).toString("base64"),
            valueEncoding: "base64",
          });
          expect(put.status).toBe(200);
          const rev = put.body.header.revision;

          const got = await call(
            kv.GET,
            "GET",
            `/api/v1/kv?key=${q(key.toString("base64"))}&keyEncoding=base64`,
          );
          expect(got.status).toBe(200);
          expect(bytesOf(got.body.kv.key, got.body.kv.keyEncoding).equals(key)).toBe(true);
          expect(bytesOf(got.body.kv.value, got.body.kv.valueEncoding)).toEqual(Buffer.from(value));

          const change = await sse.next((m) => m.event === "change" && m.id === rev);
          const ev = change.data.events[0];
          expect(ev.type).toBe("put");
          expect(bytesOf(ev.kv.key, ev.kv.keyEncoding).equals(key)).toBe(true);
          expect(bytesOf(ev.kv.value, ev.kv.valueEncoding)).toEqual(Buffer.from(value));
        }),
        { numRuns: 60 },
      );
    } finally {
      sse.close();
    }
  });
});
