import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as compare from "@/app/api/v1/compare/route";
import * as exportRoute from "@/app/api/v1/export/route";
import * as importRoute from "@/app/api/v1/import/route";
import * as kv from "@/app/api/v1/kv/route";
import * as range from "@/app/api/v1/range/route";
import * as search from "@/app/api/v1/search/route";
import * as stats from "@/app/api/v1/stats/route";
import * as tree from "@/app/api/v1/tree/route";
import { call, q, rawClient, uniquePrefix } from "../helpers/api";

// etcd reads revision 0 as "now": a pinned read given 0 would silently not pin. Every
// revision-to-read-at field refuses it with a 400 naming the field (and anything < 1 alike).
const etcd = rawClient();
const base = uniquePrefix("revision-zero");
beforeAll(async () => {
  await etcd.put(`${base}k`).value("v");
});
afterAll(async () => {
  await etcd.delete().prefix(base);
  etcd.close();
});

const p = q(base);
const cases: [string, (path: string) => Promise<{ status: number; body: any }>, string, string][] =
  [
    [
      "GET /export",
      (s) => call(exportRoute.GET, "GET", s),
      `/api/v1/export?prefix=${p}`,
      "revision",
    ],
    [
      "GET /search",
      (s) => call(search.GET, "GET", s),
      `/api/v1/search?prefix=${p}&q=k`,
      "revision",
    ],
    ["GET /stats", (s) => call(stats.GET, "GET", s), `/api/v1/stats?prefix=${p}`, "revision"],
    ["GET /tree", (s) => call(tree.GET, "GET", s), `/api/v1/tree?prefix=${p}`, "revision"],
    ["GET /kv", (s) => call(kv.GET, "GET", s), `/api/v1/kv?key=${q(`${base}k`)}`, "revision"],
    ["GET /range", (s) => call(range.GET, "GET", s), `/api/v1/range?prefix=${p}`, "revision"],
    [
      "GET /compare (left)",
      (s) => call(compare.GET, "GET", s),
      `/api/v1/compare?left=${p}&right=${p}&rightRevision=1`,
      "leftRevision",
    ],
    [
      "GET /compare (right)",
      (s) => call(compare.GET, "GET", s),
      `/api/v1/compare?left=${p}&right=${p}&leftRevision=1`,
      "rightRevision",
    ],
    [
      "POST /import",
      (s) => call(importRoute.POST, "POST", s, JSON.stringify({ [`${base}new`]: "x" })),
      "/api/v1/import?mode=dry-run",
      "planRevision",
    ],
  ];

describe("revision=0 (and 00) is a 400 naming the field, not a read of now", () => {
  for (const [name, send, path, field] of cases) {
    it(name, async () => {
      for (const zero of ["0", "00"]) {
        const res = await send(`${path}&${field}=${zero}`);
        expect(res.status, `${field}=${zero}`).toBe(400);
        expect(res.body.error.code).toBe("invalid_request");
        expect(res.body.error.details.field).toBe(field);
        expect(res.body.error.message).toMatch(/at least 1/);
      }
      // Revision 1 (the store's first) is fine to name.
      const ok = await send(`${path}&${field}=1`).catch(() => ({ status: 200 })); // SSE: not JSON
      expect(ok.status, `${field}=1 is not refused as invalid`).not.toBe(400);
    });
  }

  it("nothing was imported (the revision=1 run was a dry run)", async () => {
    expect(await etcd.get(`${base}new`).string()).toBeNull();
  });
});
