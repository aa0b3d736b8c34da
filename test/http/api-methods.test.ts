import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_ROUTE_METHODS, methodNotAllowed } from "@/lib/http/api-methods";
import { refuseMethod } from "@/lib/http/method-guard";

const METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH"];

describe("API_ROUTE_METHODS", () => {
  it("lists exactly the methods every app/api route exports", async () => {
    const modules = import.meta.glob("../../app/api/**/route.ts");
    const actual: Record<string, string[]> = {};
    for (const [file, load] of Object.entries(modules)) {
      const mod = (await load()) as Record<string, unknown>;
      const path = file.replace(/^\.\.\/\.\.\/app/, "").replace(/\/route\.ts$/, "");
      actual[path] = METHODS.filter((m) => typeof mod[m] === "function");
    }
    const listed = Object.fromEntries(
      Object.entries(API_ROUTE_METHODS).map(([p, m]) => [p, METHODS.filter((x) => m.includes(x))]),
    );
    expect(Object.keys(actual).length).toBeGreaterThan(5);
    expect(listed).toEqual(actual);
  });
});

describe("methodNotAllowed", () => {
  it.each([
    ["TRACE", "/api/v1/kv", "DELETE, GET, HEAD, OPTIONS, PUT"],
    ["PATCH", "/api/v1/kv", "DELETE, GET, HEAD, OPTIONS, PUT"],
    ["POST", "/api/v1/kv", "DELETE, GET, HEAD, OPTIONS, PUT"],
    ["PROPFIND", "/api/v1/kv", "DELETE, GET, HEAD, OPTIONS, PUT"],
    ["GET", "/api/v1/session", "DELETE, OPTIONS, POST"],
    ["PUT", "/api/v1/leases/0123abcd", "DELETE, GET, HEAD, OPTIONS"],
    ["GET", "/api/v1/leases/0123abcd/keepalive", "OPTIONS, POST"],
    ["DELETE", "/api/v1/leases/ttl", "GET, HEAD, OPTIONS"],
    ["POST", "/api/v1/watch", "GET, HEAD, OPTIONS"],
    ["TRACE", "/", "GET, HEAD"],
    ["TRACK", "/leases", "GET, HEAD"],
    ["DELETE", "/", "GET, HEAD"],
  ])("%s %s → 405, Allow: %s", (method, path, allow) => {
    expect(methodNotAllowed(method, path)?.allow.join(", ")).toBe(allow);
  });

  it.each([
    ["GET", "/api/v1/kv"],
    ["HEAD", "/api/v1/kv"],
    ["OPTIONS", "/api/v1/kv"],
    ["put", "/api/v1/kv"],
    ["DELETE", "/api/v1/leases/abc/"],
    ["PATCH", "/api/v1/no-such-route"],
    ["GET", "/"],
    ["POST", "/login"],
  ])("%s %s goes on to Next", (method, path) => {
    expect(methodNotAllowed(method, path)).toBeNull();
  });
});

describe("refuseMethod on a real HTTP server", () => {
  let server: http.Server;
  let port: number;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (refuseMethod(req, res)) return;
      res.end("passed");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  /** TRACE with node:http (fetch refuses to send it). */
  function send(method: string, path: string) {
    return new Promise<{ status: number; allow?: string; type?: string; body: string }>(
      (resolve, reject) => {
        const req = http.request({ host: "127.0.0.1", port, method, path }, (res) => {
          let body = "";
          res.on("data", (d) => (body += d));
          res.on("end", () =>
            resolve({
              status: res.statusCode!,
              allow: res.headers.allow,
              type: res.headers["content-type"],
              body,
            }),
          );
        });
        req.on("error", reject);
        req.end();
      },
    );
  }

  it("answers TRACE and an unexported method with 405, Allow and the JSON error", async () => {
    for (const [method, path] of [
      ["TRACE", "/api/v1/kv?key=a"],
      ["PATCH", "/api/v1/kv"],
      ["TRACE", "/"],
    ]) {
      const res = await send(method, path);
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.allow).toBeTruthy();
      expect(res.type).toBe("application/json");
      const body = JSON.parse(res.body);
      expect(body.error.code).toBe("method_not_allowed");
      expect(body.error.details.allow.join(", ")).toBe(res.allow);
    }
    expect((await send("GET", "/api/v1/kv")).body).toBe("passed");
  });
});
