import { afterAll, describe, expect, it } from "vitest";
import * as kv from "@/app/api/v1/kv/route";
import { call, q, rawClient, uniquePrefix } from "../helpers/api";

const etcd = rawClient();
const base = uniquePrefix("kv");
afterAll(async () => {
  await etcd.delete().prefix(base);
  etcd.close();
});

describe("GET /api/v1/kv", () => {
  it("returns the key with int64s as strings and the value as utf8", async () => {
    await etcd.put(`${base}a`).value("hello");
    const res = await call(kv.GET, "GET", `/api/v1/kv?key=${q(`${base}a`)}`);
    expect(res.status).toBe(200);
    expect(res.body.kv).toMatchObject({
      key: `${base}a`,
      value: "hello",
      valueEncoding: "utf8",
      version: "1",
      lease: null,
      valueSize: 5,
    });
    expect(res.body.kv.modRevision).toMatch(/^\d+$/);
    expect(res.body.header.revision).toMatch(/^\d+$/);
  });

  it("answers 404 key_not_found for a missing key", async () => {
    const res = await call(kv.GET, "GET", `/api/v1/kv?key=${q(`${base}missing`)}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("key_not_found");
  });

  it("reads a historical revision", async () => {
    const first = await etcd.put(`${base}hist`).value("old").exec();
    await etcd.put(`${base}hist`).value("new");
    const res = await call(
      kv.GET,
      "GET",
      `/api/v1/kv?key=${q(`${base}hist`)}&revision=${first.header.revision}`,
    );
    expect(res.body.kv.value).toBe("old");
  });

  it.each([
    ["missing key", "/api/v1/kv", "key"],
    ["bad base64", "/api/v1/kv?key=%25%25&keyEncoding=base64", "key"],
    ["non-numeric revision", "/api/v1/kv?key=x&revision=abc", "revision"],
    ["unknown encoding", "/api/v1/kv?key=x&keyEncoding=hex", "keyEncoding"],
  ])("answers 400 naming the field for %s", async (_name, url, field) => {
    const res = await call(kv.GET, "GET", url);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
    expect(res.body.error.details.field).toBe(field);
  });
});

describe("binary keys and values", () => {
  it("round-trips non-UTF-8 bytes as base64", async () => {
    const key = Buffer.concat([Buffer.from(`${base}bin-`), Buffer.from([0xff, 0x00, 0xc3])]);
    const value = Buffer.from([0xc3, 0x28, 0x00, 0xfe]);
    const put = await call(kv.PUT, "PUT", "/api/v1/kv", {
      key: key.toString("base64"),
      keyEncoding: "base64",
      value: value.toString("base64"),
      valueEncoding: "base64",
    });
    expect(put.status).toBe(200);
    expect(put.body.kv).toMatchObject({
      keyEncoding: "base64",
      valueEncoding: "base64",
      valueSize: 4,
    });
    expect(Buffer.compare((await etcd.get(key).buffer())!, value)).toBe(0);
    const got = await call(
      kv.GET,
      "GET",
      `/api/v1/kv?key=${q(key.toString("base64"))}&keyEncoding=base64`,
    );
    expect(Buffer.from(got.body.kv.value, "base64").equals(value)).toBe(true);
    expect(Buffer.from(got.body.kv.key, "base64").equals(key)).toBe(true);
  });
});

describe("PUT /api/v1/kv", () => {
  it("creates only when expectedModRevision is 0, else 409 with the current kv", async () => {
    const body = { key: `${base}create`, value: "one", expectedModRevision: "0" };
    expect((await call(kv.PUT, "PUT", "/api/v1/kv", body)).status).toBe(200);
    const again = await call(kv.PUT, "PUT", "/api/v1/kv", { ...body, value: "two" });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("conflict");
    expect(again.body.error.details.current.value).toBe("one");
    expect(await etcd.get(`${base}create`).string()).toBe("one");
  });

  it("compare-and-swaps on mod_revision and reports the current kv on conflict", async () => {
    const first = await call(kv.PUT, "PUT", "/api/v1/kv", { key: `${base}cas`, value: "v1" });
    const rev = first.body.kv.modRevision;
    await etcd.put(`${base}cas`).value("changed-underneath");
    const stale = await call(kv.PUT, "PUT", "/api/v1/kv", {
      key: `${base}cas`,
      value: "mine",
      expectedModRevision: rev,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current.value).toBe("changed-underneath");
    const current = stale.body.error.details.current.modRevision;
    const ok = await call(kv.PUT, "PUT", "/api/v1/kv", {
      key: `${base}cas`,
      value: "mine",
      expectedModRevision: current,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.kv).toMatchObject({ value: "mine", version: "3" });
  });

  it("keeps the key's lease on an edit unless told otherwise", async () => {
    const lease = etcd.lease(60, { autoKeepAlive: false });
    const leaseHex = BigInt(await lease.grant())
      .toString(16)
      .padStart(16, "0");
    await lease.put(`${base}leased`).value("v1");
    const edit = await call(kv.PUT, "PUT", "/api/v1/kv", { key: `${base}leased`, value: "v2" });
    expect(edit.body.kv.lease).toBe(leaseHex);
    const cas = await call(kv.PUT, "PUT", "/api/v1/kv", {
      key: `${base}leased`,
      value: "v3",
      expectedModRevision: edit.body.kv.modRevision,
    });
    expect(cas.body.kv.lease).toBe(leaseHex);
    const detached = await call(kv.PUT, "PUT", "/api/v1/kv", {
      key: `${base}leased`,
      value: "v4",
      lease: null,
    });
    expect(detached.body.kv.lease).toBeNull();
    await lease.revoke();
    expect(await etcd.get(`${base}leased`).string()).toBe("v4");
  });

  it("grants a lease for ttl (seconds) and attaches it", async () => {
    const res = await call(kv.PUT, "PUT", "/api/v1/kv", { key: `${base}ttl`, value: "x", ttl: 30 });
    expect(res.status).toBe(200);
    expect(res.body.kv.lease).toMatch(/^[0-9a-f]+$/);
    const ttl = await etcd.leaseClient.leaseTimeToLive({
      ID: BigInt(`0x${res.body.kv.lease}`).toString(),
    });
    expect(Number(ttl.TTL)).toBeGreaterThan(25);
  });

  it("revokes the lease it granted when the write loses a compare", async () => {
    await etcd.put(`${base}ttl-conflict`).value("exists");
    const before = (await etcd.leaseClient.leaseLeases({})).leases.length;
    const res = await call(kv.PUT, "PUT", "/api/v1/kv", {
      key: `${base}ttl-conflict`,
      value: "x",
      ttl: 30,
      expectedModRevision: "0",
    });
    expect(res.status).toBe(409);
    expect((await etcd.leaseClient.leaseLeases({})).leases.length).toBe(before);
  });

  it("answers 404 lease_not_found for an unknown lease and writes nothing", async () => {
    const res = await call(kv.PUT, "PUT", "/api/v1/kv", {
      key: `${base}nolease`,
      value: "x",
      lease: "abc123",
    });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("lease_not_found");
    expect(await etcd.get(`${base}nolease`).string()).toBeNull();
  });

  it.each([
    ["malformed JSON", "{not json", "body"],
    ["missing key", { value: "x" }, "key"],
    ["bad base64 value", { key: "k", value: "***", valueEncoding: "base64" }, "value"],
    [
      "non-numeric expectedModRevision",
      { key: "k", value: "x", expectedModRevision: "12a" },
      "expectedModRevision",
    ],
    ["lease and ttl together", { key: "k", value: "x", lease: "1", ttl: 5 }, "ttl"],
    ["negative ttl", { key: "k", value: "x", ttl: -1 }, "ttl"],
    ["unknown field", { key: "k", value: "x", extra: 1 }, "body"],
  ])("answers 400 naming the field for %s", async (_name, body, field) => {
    const res = await call(kv.PUT, "PUT", "/api/v1/kv", body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
    expect(res.body.error.details.field).toBe(field);
  });

  it("refuses a body that is not JSON by content type", async () => {
    const res = await call(kv.PUT, "PUT", "/api/v1/kv", "key=x", { "content-type": "text/plain" });
    expect(res.status).toBe(400);
    expect(res.body.error.details.field).toBe("content-type");
  });
});

describe("DELETE /api/v1/kv", () => {
  it("deletes one key and returns its last value", async () => {
    await etcd.put(`${base}del`).value("bye");
    const res = await call(kv.DELETE, "DELETE", `/api/v1/kv?key=${q(`${base}del`)}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ deleted: "1", prevKv: { value: "bye" } });
    expect((await call(kv.DELETE, "DELETE", `/api/v1/kv?key=${q(`${base}del`)}`)).status).toBe(404);
  });

  it("refuses a delete guarded by a stale mod_revision", async () => {
    const put = await etcd.put(`${base}del-cas`).value("a").exec();
    await etcd.put(`${base}del-cas`).value("b");
    const res = await call(
      kv.DELETE,
      "DELETE",
      `/api/v1/kv?key=${q(`${base}del-cas`)}&expectedModRevision=${put.header.revision}`,
    );
    expect(res.status).toBe(409);
    expect(res.body.error.details.current.value).toBe("b");
    expect(await etcd.get(`${base}del-cas`).string()).toBe("b");
  });

  it("deletes a subtree by prefix and refuses the empty prefix without all=true", async () => {
    await Promise.all(["x/1", "x/2", "x/y/3"].map((k) => etcd.put(`${base}${k}`).value("v")));
    await etcd.put(`${base}x-sibling`).value("stays");
    const res = await call(kv.DELETE, "DELETE", `/api/v1/kv?prefix=${q(`${base}x/`)}`);
    expect(res.body.deleted).toBe("3");
    expect(await etcd.get(`${base}x-sibling`).string()).toBe("stays");
    const all = await call(kv.DELETE, "DELETE", "/api/v1/kv?prefix=");
    expect(all.status).toBe(400);
    expect(all.body.error.details.field).toBe("prefix");
  });
});
