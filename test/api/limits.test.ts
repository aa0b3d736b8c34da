import { afterAll, describe, expect, it, vi } from "vitest";
import * as kv from "@/app/api/v1/kv/route";
import * as range from "@/app/api/v1/range/route";
import * as tree from "@/app/api/v1/tree/route";
import { ETCD_MAX_REQUEST_BYTES } from "@/lib/http/parse";
import { AUDIT_KEY_MAX_CHARS } from "@/lib/http/security/audit";
import { call, q, rawClient, uniquePrefix } from "../helpers/api";

const etcd = rawClient();
const base = uniquePrefix("limits");
afterAll(async () => {
  await etcd.delete().prefix(base);
  etcd.close();
});

const MiB = 1024 * 1024;
/** A value etcdctl can put (etcd's default --max-request-bytes is 1.5 MiB) but twice can't. */
const big = (size: number, fill = "v") => fill.repeat(size);
const put = (body: unknown) => call(kv.PUT, "PUT", "/api/v1/kv", body);

describe("PUT value size", () => {
  it("puts a 1.4 MiB value to a new key, an existing leased key (keeping the lease) and by CAS", async () => {
    const value = big(1.4 * MiB);
    const created = await put({ key: `${base}big`, value });
    expect(created.status, JSON.stringify(created.body?.error)).toBe(200);
    expect(created.body.kv.valueSize).toBe(value.length);
    expect(created.body.kv.lease).toBeNull();
    expect((await etcd.get(`${base}big`).buffer())?.length).toBe(value.length);

    const lease = etcd.lease(60, { autoKeepAlive: false });
    const leaseHex = BigInt(await lease.grant())
      .toString(16)
      .padStart(16, "0");
    await lease.put(`${base}big-leased`).value("small");
    const edited = await put({ key: `${base}big-leased`, value: big(1.4 * MiB, "w") });
    expect(edited.status, JSON.stringify(edited.body?.error)).toBe(200);
    expect(edited.body.kv.lease, "a plain put keeps the key's lease").toBe(leaseHex);

    const cas = await put({
      key: `${base}big-leased`,
      value: big(1.4 * MiB, "x"),
      expectedModRevision: edited.body.kv.modRevision,
    });
    expect(cas.status, JSON.stringify(cas.body?.error)).toBe(200);
    expect(cas.body.kv.lease).toBe(leaseHex);
    const stale = await put({
      key: `${base}big-leased`,
      value: big(1.4 * MiB, "y"),
      expectedModRevision: edited.body.kv.modRevision,
    });
    expect(stale.status, "compare-and-swap still refuses a stale mod_revision").toBe(409);
    expect(stale.body.error.details.current.modRevision).toBe(cas.body.kv.modRevision);
    await lease.revoke();
  });

  it("puts a 1.4 MiB binary value sent as base64", async () => {
    const bytes = Buffer.alloc(1.4 * MiB, 0xfe);
    const res = await put({
      key: `${base}big-bin`,
      value: bytes.toString("base64"),
      valueEncoding: "base64",
    });
    expect(res.status, JSON.stringify(res.body?.error)).toBe(200);
    expect((await etcd.get(`${base}big-bin`).buffer())?.equals(bytes)).toBe(true);
  });

  it.each([
    ["past the gateway's check", ETCD_MAX_REQUEST_BYTES + 1],
    [
      "within the check but past etcd's limit with the request's framing",
      ETCD_MAX_REQUEST_BYTES - 16,
    ],
  ])("answers 413 too_large for key + value %s, writing nothing", async (_name, total) => {
    const key = `${base}too-big-${total}`;
    const res = await put({ key, value: big(total - key.length) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("too_large");
    expect(await etcd.get(key).string()).toBeNull();
  });
});

describe("cursors", () => {
  it.each([
    ["2^64 + 4 (read as revision 4 modulo 2^64)", "18446744073709551620.AA"],
    ["int64 max + 1", "9223372036854775808.AA"],
    ["20 digits", "00000000000000000004.AA"],
    ["revision 0", "0.AA"],
  ])("answers 400 naming after for a revision of %s", async (_name, after) => {
    for (const [handler, path] of [
      [tree.GET, `/api/v1/tree?prefix=${q(base)}&after=${after}`],
      [range.GET, `/api/v1/range?prefix=${q(base)}&after=${after}`],
    ] as const) {
      const res = await call(handler, "GET", path);
      expect(res.status, path).toBe(400);
      expect(res.body.error.details.field).toBe("after");
    }
  });

  it("passes a cursor at int64 max on to etcd, which says the revision is in the future", async () => {
    const res = await call(
      range.GET,
      "GET",
      `/api/v1/range?prefix=${q(base)}&after=9223372036854775807.AA`,
    );
    expect(res.body.error.message).toContain("future revision");
  });
});

describe("lone UTF-16 surrogates", () => {
  it.each([
    ["a lone high surrogate key", { key: `${base}\ud800`, value: "x" }, "key"],
    ["a lone low surrogate key", { key: `${base}\udc00x`, value: "x" }, "key"],
    ["a reversed pair", { key: `${base}\udc00\ud800`, value: "x" }, "key"],
    ["a lone surrogate value", { key: `${base}v`, value: "a\ud83d" }, "value"],
  ])("PUT with %s is 400 naming the field, writes nothing", async (_name, body, field) => {
    // JSON.stringify escapes lone surrogates as \udXXX, exactly what a client would send.
    const res = await put(body);
    expect(res.status).toBe(400);
    expect(res.body.error.details.field).toBe(field);
    expect((await etcd.getAll().prefix(base).keys()).some((k) => k.includes("\ufffd"))).toBe(false);
  });

  it("keeps a valid surrogate pair (an emoji) as its UTF-8 bytes", async () => {
    const res = await put({ key: `${base}\ud83d\ude00`, value: "ok" });
    expect(res.status).toBe(200);
    expect(await etcd.get(`${base}😀`).string()).toBe("ok");
  });

  it.each([
    ["a lone surrogate", "%ED%A0%80"],
    ["a stray byte", "%FF"],
  ])("a query key whose percent-escapes are %s (not UTF-8) is 400", async (_name, bad) => {
    for (const [handler, method, path, field] of [
      [kv.GET, "GET", `/api/v1/kv?key=${q(base)}${bad}`, "key"],
      [kv.DELETE, "DELETE", `/api/v1/kv?key=${q(base)}${bad}`, "key"],
      [tree.GET, "GET", `/api/v1/tree?prefix=${q(base)}${bad}`, "prefix"],
      [tree.GET, "GET", `/api/v1/tree?prefix=${q(base)}&separator=${bad}`, "separator"],
      [range.GET, "GET", `/api/v1/range?prefix=${q(base)}${bad}`, "prefix"],
    ] as const) {
      const res = await call(handler, method, path);
      expect(res.status, path).toBe(400);
      expect(res.body.error.details.field, path).toBe(field);
    }
  });

  it("still reads a key holding U+FFFD itself", async () => {
    await etcd.put(`${base}\ufffd`).value("replacement char");
    const res = await call(kv.GET, "GET", `/api/v1/kv?key=${q(`${base}\ufffd`)}`);
    expect(res.status).toBe(200);
    expect(res.body.kv.value).toBe("replacement char");
  });
});

describe("audit line", () => {
  it("cuts a huge key short and says how long it was", async () => {
    const lines: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    const key = `${base}${"k".repeat(200_000)}`;
    const res = await put({ key, value: "x" });
    const del = await call(kv.DELETE, "DELETE", `/api/v1/kv?prefix=${q(key)}`);
    vi.restoreAllMocks();
    expect(res.status).toBe(200);
    expect(del.status).toBe(200);
    const entries = lines.map((l) => JSON.parse(l));
    expect(entries).toHaveLength(2);
    expect(entries[0].key).toBe(key.slice(0, AUDIT_KEY_MAX_CHARS));
    expect(entries[0].truncated).toBe(key.length);
    expect(entries[1].prefix).toBe(key.slice(0, AUDIT_KEY_MAX_CHARS));
    expect(entries[1].truncated).toBe(key.length);
    for (const line of lines) expect(line.length).toBeLessThan(AUDIT_KEY_MAX_CHARS + 1024);
  });
});
