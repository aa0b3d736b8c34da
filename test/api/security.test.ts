import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as kv from "@/app/api/v1/kv/route";
import * as range from "@/app/api/v1/range/route";
import * as session from "@/app/api/v1/session/route";
import * as tree from "@/app/api/v1/tree/route";
import * as watch from "@/app/api/v1/watch/route";
import { MAX_BODY_BYTES } from "@/lib/http/parse";
import { call, q, rawClient, uniquePrefix } from "../helpers/api";

type Handler = (req: Request, ctx: unknown) => Promise<Response>;

const etcd = rawClient();
const base = uniquePrefix("security");
const existing = `${base}existing`;
const fresh = `${base}fresh`;
const TOKEN = "s3cret-token";
const EVIL = "http://evil.example";

/** Every key under `base` with its value and modRevision: must never change in the table. */
async function snapshot(): Promise<Record<string, string>> {
  const res = await etcd.getAll().prefix(base).exec();
  return Object.fromEntries(
    res.kvs.map((k) => [
      k.key.toString("base64"),
      `${k.value.toString("base64")}@${k.mod_revision}`,
    ]),
  );
}

let before: Record<string, string>;
beforeAll(async () => {
  await etcd.put(existing).value("v0");
  before = await snapshot();
});
afterAll(async () => {
  await etcd.delete().prefix(base);
  etcd.close();
});

const ENV_KEYS = ["ETCD_EXPLORER_TOKEN", "ETCD_EXPLORER_READ_ONLY", "ETCD_EXPLORER_ALLOWED_HOSTS"];
afterEach(() => {
  for (const k of ENV_KEYS) delete process.env[k];
});

type Case = {
  name: string;
  handler: Handler;
  method: string;
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  env?: Record<string, string>;
  status: number;
  code: string;
};

const put = (name: string, body: unknown, status = 400, code = "invalid_request"): Case => ({
  name,
  handler: kv.PUT,
  method: "PUT",
  url: "/api/v1/kv",
  body,
  status,
  code,
});
const good = { key: fresh, value: "x" };
const b64 = (n: number) => Buffer.alloc(n, 7).toString("base64");

const CASES: Case[] = [
  // Wrong types and shapes.
  put("key is a number", { key: 1, value: "x" }),
  put("value is a number", { key: fresh, value: 1 }),
  put("value is an object", { key: fresh, value: { a: 1 } }),
  put("key missing", { value: "x" }),
  put("value missing", { key: fresh }),
  put("empty key", { key: "", value: "x" }),
  put("unknown keyEncoding", { ...good, keyEncoding: "hex" }),
  put("unknown field", { ...good, admin: true }),
  put("prototype pollution field", JSON.parse(`{"key":"${fresh}","value":"x","__proto__":{}}`)),
  put("body is an array", [good]),
  put("body is null", null),
  put("body is a string", '"hello"'),
  put("body is not JSON", "{key: nope"),
  // Bad base64.
  put("bad base64 key", { key: "%%%", keyEncoding: "base64", value: "x" }),
  put("bad base64 value", { key: fresh, value: "not base64!", valueEncoding: "base64" }),
  put("base64 with bad padding", { key: fresh, value: "QQ=A", valueEncoding: "base64" }),
  // TTLs, leases, revisions.
  put("negative ttl", { ...good, ttl: -1 }),
  put("zero ttl", { ...good, ttl: 0 }),
  put("huge ttl", { ...good, ttl: 1e12 }),
  put("fractional ttl", { ...good, ttl: 1.5 }),
  put("ttl as a string", { ...good, ttl: "10" }),
  put("lease and ttl together", { ...good, lease: "1", ttl: 10 }),
  put("lease not hex", { ...good, lease: "zz" }),
  put("negative expectedModRevision", { ...good, expectedModRevision: "-1" }),
  put("numeric expectedModRevision", { ...good, expectedModRevision: 5 }),
  put("expectedModRevision past int64", { ...good, expectedModRevision: "9223372036854775808" }),
  ...[
    ["negative revision", "-5"],
    ["non-numeric revision", "abc"],
    ["exponent revision", "1e30"],
    ["revision past int64", "99999999999999999999"],
  ].map(([name, rev]): Case => ({
    name: `GET ${name}`,
    handler: kv.GET,
    method: "GET",
    url: `/api/v1/kv?key=${q(existing)}&revision=${q(rev)}`,
    status: 400,
    code: "invalid_request",
  })),
  // Limits.
  ...[
    ["range limit 0", range.GET, `/api/v1/range?prefix=${q(base)}&limit=0`],
    ["range limit huge", range.GET, `/api/v1/range?prefix=${q(base)}&limit=100000000`],
    ["tree limit negative", tree.GET, `/api/v1/tree?prefix=${q(base)}&limit=-1`],
    ["tree empty separator", tree.GET, `/api/v1/tree?prefix=${q(base)}&separator=`],
  ].map(([name, handler, url]): Case => ({
    name: name as string,
    handler: handler as Handler,
    method: "GET",
    url: url as string,
    status: 400,
    code: "invalid_request",
  })),
  // Oversize bodies: over the JSON limit, and a value that decodes past etcd's 1.5 MiB.
  put("body over the JSON limit", { ...good, value: "x".repeat(MAX_BODY_BYTES) }, 413, "too_large"),
  put(
    "decoded value over 1.5 MiB",
    { ...good, value: b64(1.5 * 1024 * 1024 + 1), valueEncoding: "base64" },
    413,
    "too_large",
  ),
  // Wrong content types.
  { ...put("text/plain body", JSON.stringify(good)), headers: { "content-type": "text/plain" } },
  {
    ...put("form body", "key=a&value=b"),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  },
  // Deletes.
  ...[
    ["delete without key or prefix", "/api/v1/kv"],
    ["delete with key and prefix", `/api/v1/kv?key=${q(existing)}&prefix=${q(base)}`],
    ["delete the whole keyspace without all=true", "/api/v1/kv?prefix="],
    ["delete with bad expectedModRevision", `/api/v1/kv?key=${q(existing)}&expectedModRevision=x`],
  ].map(([name, url]): Case => ({
    name,
    handler: kv.DELETE,
    method: "DELETE",
    url,
    status: 400,
    code: "invalid_request",
  })),
  // CSRF: cross-origin writes.
  { ...put("cross-origin PUT", good, 403, "forbidden_origin"), headers: { origin: EVIL } },
  { ...put("Origin: null PUT", good, 403, "forbidden_origin"), headers: { origin: "null" } },
  {
    ...put("Sec-Fetch-Site cross-site", good, 403, "forbidden_origin"),
    headers: { "sec-fetch-site": "cross-site" },
  },
  {
    ...put("Sec-Fetch-Site same-site", good, 403, "forbidden_origin"),
    headers: { "sec-fetch-site": "same-site" },
  },
  {
    name: "cross-origin DELETE",
    handler: kv.DELETE,
    method: "DELETE",
    url: `/api/v1/kv?key=${q(existing)}`,
    headers: { origin: EVIL },
    status: 403,
    code: "forbidden_origin",
  },
  {
    name: "cross-origin prefix DELETE",
    handler: kv.DELETE,
    method: "DELETE",
    url: `/api/v1/kv?prefix=${q(base)}`,
    headers: { origin: "http://127.0.0.1.evil.example", "sec-fetch-site": "cross-site" },
    status: 403,
    code: "forbidden_origin",
  },
  // DNS rebinding: a foreign Host header, on reads, writes and the watch stream.
  {
    name: "wrong Host on GET",
    handler: kv.GET,
    method: "GET",
    url: `/api/v1/kv?key=${q(existing)}`,
    headers: { host: "evil.example" },
    status: 403,
    code: "forbidden_origin",
  },
  {
    ...put("wrong Host on PUT", good, 403, "forbidden_origin"),
    headers: { host: "evil.example:3000" },
  },
  {
    name: "wrong Host on watch",
    handler: watch.GET as Handler,
    method: "GET",
    url: `/api/v1/watch?prefix=${q(base)}`,
    headers: { host: "rebind.evil.example" },
    status: 403,
    code: "forbidden_origin",
  },
  {
    name: "Host not in ETCD_EXPLORER_ALLOWED_HOSTS",
    handler: range.GET,
    method: "GET",
    url: `/api/v1/range?prefix=${q(base)}`,
    headers: { host: "other.internal" },
    env: { ETCD_EXPLORER_ALLOWED_HOSTS: "explorer.internal" },
    status: 403,
    code: "forbidden_origin",
  },
  // Access token.
  ...(
    [
      ["GET without token", kv.GET, "GET", `/api/v1/kv?key=${q(existing)}`, {}],
      ["PUT without token", kv.PUT, "PUT", "/api/v1/kv", {}],
      ["PUT with a wrong bearer", kv.PUT, "PUT", "/api/v1/kv", { authorization: "Bearer nope" }],
      [
        "PUT with a token prefix",
        kv.PUT,
        "PUT",
        "/api/v1/kv",
        { authorization: `Bearer ${TOKEN.slice(0, -1)}` },
      ],
      ["PUT with Basic auth", kv.PUT, "PUT", "/api/v1/kv", { authorization: `Basic ${TOKEN}` }],
      [
        "PUT with a forged cookie",
        kv.PUT,
        "PUT",
        "/api/v1/kv",
        { cookie: `etcd_explorer_session=${TOKEN}` },
      ],
      ["DELETE without token", kv.DELETE, "DELETE", `/api/v1/kv?key=${q(existing)}`, {}],
      ["watch without token", watch.GET, "GET", `/api/v1/watch?prefix=${q(base)}`, {}],
    ] as const
  ).map(([name, handler, method, url, headers]): Case => ({
    name,
    handler: handler as Handler,
    method,
    url,
    body: method === "PUT" ? good : undefined,
    headers,
    env: { ETCD_EXPLORER_TOKEN: TOKEN },
    status: 401,
    code: "unauthorized",
  })),
  {
    name: "sign-in with a wrong token",
    handler: session.POST,
    method: "POST",
    url: "/api/v1/session",
    body: { token: "wrong" },
    env: { ETCD_EXPLORER_TOKEN: TOKEN },
    status: 401,
    code: "unauthorized",
  },
  // Read-only mode.
  { ...put("read-only PUT", good, 403, "read_only"), env: { ETCD_EXPLORER_READ_ONLY: "1" } },
  {
    ...put("read-only PUT with a valid token", good, 403, "read_only"),
    headers: { authorization: `Bearer ${TOKEN}` },
    env: { ETCD_EXPLORER_READ_ONLY: "1", ETCD_EXPLORER_TOKEN: TOKEN },
  },
  ...[`/api/v1/kv?key=${q(existing)}`, `/api/v1/kv?prefix=${q(base)}`].map((url): Case => ({
    name: `read-only DELETE ${url.includes("prefix") ? "prefix" : "key"}`,
    handler: kv.DELETE,
    method: "DELETE",
    url,
    env: { ETCD_EXPLORER_READ_ONLY: "true" },
    status: 403,
    code: "read_only",
  })),
];

describe("hostile and unauthorized requests", () => {
  it("has at least 40 cases", () => expect(CASES.length).toBeGreaterThanOrEqual(40));

  it.each(CASES.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    Object.assign(process.env, c.env ?? {});
    const res = await call(c.handler, c.method, c.url, c.body, c.headers);
    expect({ status: res.status, code: res.body?.error?.code }).toEqual({
      status: c.status,
      code: c.code,
    });
    expect(await snapshot(), "etcd is unchanged").toEqual(before);
    expect(await etcd.get(fresh).exists(), "no key was created").toBe(false);
  });
});
