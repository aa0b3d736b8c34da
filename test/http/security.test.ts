import { describe, expect, it } from "vitest";
import { securityConfig } from "@/lib/http/security/config";
import { hostAllowed, hostName } from "@/lib/http/security/host";
import { sameOrigin } from "@/lib/http/security/origin";
import { acquireStream } from "@/lib/http/security/stream-limits";
import { authorized, constantTimeEqual } from "@/lib/http/security/token";
import { createSession } from "@/lib/http/security/sessions";

const defaults = securityConfig({});
const req = (headers: Record<string, string>) =>
  new Request("http://127.0.0.1/api/v1/kv", { method: "PUT", headers });

describe("hostAllowed", () => {
  it.each([
    ["127.0.0.1:3000", true],
    ["localhost", true],
    ["LOCALHOST:8080", true],
    ["[::1]:3000", true],
    ["127.0.0.1.evil.example", false],
    ["localhost.evil.example:3000", false],
    ["evil.example", false],
    ["[::1]evil", false],
    ["localhost:3000@evil", false],
    ["", false],
  ])("%s → %s", (host, ok) => expect(hostAllowed(host, defaults)).toBe(ok));

  it("adds ETCD_EXPLORER_ALLOWED_HOSTS, case-insensitively", () => {
    const config = securityConfig({ ETCD_EXPLORER_ALLOWED_HOSTS: " Explorer.Internal ,x.y" });
    expect(hostAllowed("explorer.internal:443", config)).toBe(true);
    expect(hostAllowed("x.y", config)).toBe(true);
    expect(hostAllowed("y", config)).toBe(false);
    expect(hostName("[::1]:80")).toBe("[::1]");
  });
});

describe("sameOrigin", () => {
  it.each([
    [{}, true],
    [{ origin: "http://127.0.0.1:3000" }, true],
    [{ origin: "http://127.0.0.1:80" }, false],
    [{ origin: "https://127.0.0.1:3000" }, true],
    [{ origin: "http://localhost:3000" }, false],
    [{ origin: "null" }, false],
    [{ origin: "file://" }, false],
    [{ "sec-fetch-site": "none" }, true],
    [{ "sec-fetch-site": "same-origin", origin: "http://127.0.0.1:3000" }, true],
    [{ "sec-fetch-site": "same-site" }, false],
  ])("%j → %s", (headers, ok) => {
    expect(sameOrigin(req(headers as Record<string, string>), "127.0.0.1:3000")).toBe(ok);
  });

  it("treats a default port in Host like URL does", () => {
    expect(sameOrigin(req({ origin: "http://example.com" }), "Example.com:80")).toBe(true);
  });
});

describe("token", () => {
  it("compares in constant time without leaking length mismatches as errors", () => {
    expect(constantTimeEqual("abc", "abc")).toBe(true);
    expect(constantTimeEqual("abc", "abcd")).toBe(false);
    expect(constantTimeEqual("", "x")).toBe(false);
  });

  it("accepts bearer and session cookie, and everything when no token is set", () => {
    expect(authorized(req({}), null)).toBe(true);
    expect(authorized(req({}), "t")).toBe(false);
    expect(authorized(req({ authorization: "Bearer t" }), "t")).toBe(true);
    expect(authorized(req({ authorization: "bearer  t" }), "t")).toBe(true);
    const cookie = `a=b; etcd_explorer_session=${createSession("t").id}`;
    expect(authorized(req({ cookie }), "t")).toBe(true);
    expect(authorized(req({ cookie }), "other")).toBe(false);
  });
});

describe("acquireStream", () => {
  it("caps per client and in total, and releases exactly once", () => {
    const config = { ...defaults, maxStreamsPerClient: 2, maxStreams: 3 };
    const a1 = acquireStream("a", config)!;
    const a2 = acquireStream("a", config)!;
    expect(acquireStream("a", config)).toBeNull();
    const b1 = acquireStream("b", config)!;
    expect(acquireStream("c", config)).toBeNull();
    a1();
    a1();
    const c1 = acquireStream("c", config);
    expect(c1).not.toBeNull();
    expect(acquireStream("d", config)).toBeNull();
    for (const release of [a2, b1, c1!]) release();
  });
});
