import { afterEach, describe, expect, it, vi } from "vitest";
import { refusalOf } from "@/lib/live/watch-connection";

const answer = (status: number, body?: unknown) =>
  vi.fn(async () => new Response(body === undefined ? null : JSON.stringify(body), { status }));

afterEach(() => vi.unstubAllGlobals());

describe("refusalOf (why EventSource gave up on a watch URL)", () => {
  it("reads a 403 answer's error: the watch is refused for good", async () => {
    const error = { code: "etcd_permission_denied", message: 'etcd user "alice" may not read x' };
    vi.stubGlobal("fetch", answer(403, { error }));
    expect(await refusalOf("/api/v1/watch?prefix=")).toEqual(error);
  });

  it("is null for what passes: 401 (sign in again), 404 (a deploy), 5xx, 429 and a 200", async () => {
    for (const status of [401, 404, 503, 429, 200]) {
      vi.stubGlobal("fetch", answer(status, { error: { code: "x", message: "y" } }));
      expect(await refusalOf("/w"), String(status)).toBeNull();
    }
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => Promise.reject(new TypeError("offline"))),
    );
    expect(await refusalOf("/w")).toBeNull();
  });

  it("is null for a 403 whose body is not JSON (a proxy's page, not the gateway's refusal)", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response("<html>Forbidden</html>", { status: 403 })),
    );
    expect(await refusalOf("/w")).toBeNull();
  });
});
