import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import * as health from "@/app/api/v1/health/route";
import * as kv from "@/app/api/v1/kv/route";
import * as session from "@/app/api/v1/session/route";
import * as watch from "@/app/api/v1/watch/route";
import { call, q, rawClient, uniquePrefix } from "../helpers/api";
import { openSse } from "../helpers/sse";

const etcd = rawClient();
const base = uniquePrefix("policy");
const TOKEN = "policy-token";
afterAll(async () => {
  await etcd.delete().prefix(base);
  etcd.close();
});
afterEach(() => {
  for (const k of Object.keys(process.env))
    if (k.startsWith("ETCD_EXPLORER_")) delete process.env[k];
  vi.restoreAllMocks();
});

describe("access token", () => {
  it("accepts the bearer token and a session cookie from POST /session", async () => {
    process.env.ETCD_EXPLORER_TOKEN = TOKEN;
    const bearer = { authorization: `Bearer ${TOKEN}` };
    const put = await call(kv.PUT, "PUT", "/api/v1/kv", { key: `${base}t`, value: "1" }, bearer);
    expect(put.status).toBe(200);

    const res = await session.POST(
      new Request("http://127.0.0.1/api/v1/session", {
        method: "POST",
        headers: { "content-type": "application/json", origin: "http://127.0.0.1" },
        body: JSON.stringify({ token: TOKEN }),
      }),
      {},
    );
    expect(res.status).toBe(204);
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/i); // attribute values are case-insensitive
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toContain(TOKEN);
    const pair = cookie.split(";")[0];
    const get = await call(kv.GET, "GET", `/api/v1/kv?key=${q(`${base}t`)}`, undefined, {
      cookie: pair,
    });
    expect(get.status).toBe(200);
    // The watch stream works through the cookie too (EventSource can't send headers).
    const sse = await openSse(watch.GET, `/api/v1/watch?prefix=${q(base)}`, { cookie: pair });
    expect(sse.status).toBe(200);
    sse.close();
  });
});

/** `POST /api/v1/session` with `token` from client address `client`. */
function signIn(token: string, client: string) {
  return session.POST(
    new Request("http://127.0.0.1/api/v1/session", {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": client },
      body: JSON.stringify({ token }),
    }),
    {},
  );
}

describe("sessions", () => {
  it("gives each sign-in its own random session, and sign-out revokes it on the gateway", async () => {
    process.env.ETCD_EXPLORER_TOKEN = TOKEN;
    const first = (await signIn(TOKEN, "192.0.2.20")).headers.get("set-cookie")!;
    const second = (await signIn(TOKEN, "192.0.2.20")).headers.get("set-cookie")!;
    expect(first.split(";")[0], "not a fixed function of the token").not.toBe(second.split(";")[0]);
    expect(first).toMatch(/Max-Age=43200/);
    const cookie = first.split(";")[0];
    const read = () => call(health.GET, "GET", "/api/v1/health", undefined, { cookie });
    expect((await read()).status).toBe(200);

    const out = await session.DELETE(
      new Request("http://127.0.0.1/api/v1/session", { method: "DELETE", headers: { cookie } }),
      {},
    );
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/Max-Age=0/);
    expect((await read()).status, "a kept copy of the cookie no longer works").toBe(401);
    const other = second.split(";")[0];
    const still = await call(health.GET, "GET", "/api/v1/health", undefined, { cookie: other });
    expect(still.status, "other sessions live on").toBe(200);
    process.env.ETCD_EXPLORER_TOKEN = "rotated-token";
    const rotated = await call(health.GET, "GET", "/api/v1/health", undefined, { cookie: other });
    expect(rotated.status, "a new token ends every session").toBe(401);
  });

  it("answers 429 with Retry-After after 5 wrong tokens from one address, even for the right one", async () => {
    process.env.ETCD_EXPLORER_TOKEN = TOKEN;
    const me = "192.0.2.30";
    for (let i = 0; i < 5; i++) expect((await signIn("wrong", me)).status).toBe(401);
    const limited = await signIn("wrong", me);
    expect(limited.status).toBe(429);
    const wait = Number(limited.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect((await limited.json()).error.code).toBe("too_many_requests");
    const right = await signIn(TOKEN, me);
    expect(right.status, "the limit holds whatever the token").toBe(429);
    expect(right.headers.get("set-cookie")).toBeNull();
    expect((await signIn(TOKEN, "192.0.2.31")).status, "another address signs in").toBe(204);
  });
});

describe("read-only mode and hosts", () => {
  it("reports readOnly in /health and still serves reads", async () => {
    process.env.ETCD_EXPLORER_READ_ONLY = "1";
    const res = await call(health.GET, "GET", "/api/v1/health");
    expect(res.status).toBe(200);
    expect(res.body.readOnly).toBe(true);
    delete process.env.ETCD_EXPLORER_READ_ONLY;
    expect((await call(health.GET, "GET", "/api/v1/health")).body.readOnly).toBe(false);
  });

  it("accepts loopback names with any port and ETCD_EXPLORER_ALLOWED_HOSTS", async () => {
    process.env.ETCD_EXPLORER_ALLOWED_HOSTS = "explorer.internal, other.example";
    for (const host of ["localhost:3000", "[::1]:8080", "127.0.0.1", "Explorer.Internal:443"]) {
      const res = await call(health.GET, "GET", "/api/v1/health", undefined, { host });
      expect(res.status, host).toBe(200);
    }
  });

  it("accepts same-origin writes from the browser", async () => {
    const headers = { origin: "http://localhost:3000", host: "localhost:3000" };
    const res = await call(
      kv.PUT,
      "PUT",
      "/api/v1/kv",
      { key: `${base}so`, value: "1" },
      { ...headers, "sec-fetch-site": "same-origin" },
    );
    expect(res.status).toBe(200);
  });
});

describe("watch stream caps", () => {
  it("answers 503 too_many_streams with Retry-After past the per-client cap", async () => {
    process.env.ETCD_EXPLORER_MAX_STREAMS_PER_CLIENT = "2";
    const me = { "x-forwarded-for": "10.9.9.9" };
    const url = `/api/v1/watch?prefix=${q(base)}`;
    const a = await openSse(watch.GET, url, me);
    const b = await openSse(watch.GET, url, me);
    const c = await watch.GET(new Request(`http://127.0.0.1${url}`, { headers: me }));
    expect(c.status).toBe(503);
    expect(c.headers.get("retry-after")).toBeTruthy();
    expect((await c.json()).error.code).toBe("too_many_streams");
    const other = await openSse(watch.GET, url, { "x-forwarded-for": "10.9.9.10" });
    expect(other.status).toBe(200);
    a.close();
    await new Promise((r) => setTimeout(r, 50));
    const d = await openSse(watch.GET, url, me);
    expect(d.status).toBe(200);
    for (const s of [b, d, other]) s.close();
  });
});

describe("audit log", () => {
  it("writes one JSON line per mutation with client, route, key, status and revision", async () => {
    const lines: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    const res = await call(
      kv.PUT,
      "PUT",
      "/api/v1/kv",
      { key: `${base}audit`, value: "1" },
      {
        "x-forwarded-for": "192.0.2.7",
      },
    );
    await call(kv.DELETE, "DELETE", `/api/v1/kv?prefix=${q(`${base}none/`)}`, undefined, {
      origin: "http://evil.example",
    });
    vi.restoreAllMocks();
    const entries = lines.map((l) => JSON.parse(l));
    expect(entries[0]).toMatchObject({
      client: "192.0.2.7",
      method: "PUT",
      route: "/api/v1/kv",
      key: `${base}audit`,
      status: 200,
      revision: res.body.header.revision,
    });
    expect(entries[0].time).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(entries[1]).toMatchObject({ method: "DELETE", prefix: `${base}none/`, status: 403 });
    expect(lines.every((l) => l.endsWith("\n") && !l.slice(0, -1).includes("\n"))).toBe(true);
  });
});
