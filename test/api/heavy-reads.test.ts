import { describe, expect, it } from "vitest";
import * as changes from "@/app/api/v1/changes/route";
import * as snapshot from "@/app/api/v1/cluster/snapshot/route";
import * as compare from "@/app/api/v1/compare/route";
import * as exportRoute from "@/app/api/v1/export/route";
import * as history from "@/app/api/v1/history/route";
import * as locks from "@/app/api/v1/locks/route";
import * as search from "@/app/api/v1/search/route";
import * as stats from "@/app/api/v1/stats/route";
import { call } from "../helpers/api";

// GETs that read much of etcd (or hand all of it out) refuse cross-site requests: a hostile page
// could otherwise make a browser start them by the hundred (<img src>, EventSource, fetch).
const HEAVY: [string, (req: Request) => Promise<Response>][] = [
  ["/api/v1/search?prefix=/&q=a", search.GET],
  ["/api/v1/stats?prefix=/", stats.GET],
  ["/api/v1/history?key=/a", history.GET],
  ["/api/v1/changes?prefix=/&from=1", changes.GET],
  ["/api/v1/compare?left=/a/&right=/b/", compare.GET],
  ["/api/v1/locks?prefix=/", locks.GET],
  ["/api/v1/export?prefix=/", exportRoute.GET],
  ["/api/v1/cluster/snapshot", snapshot.GET],
];

describe("heavy reads", () => {
  it.each(HEAVY)("refuse a cross-site %s (403 forbidden_origin)", async (url, handler) => {
    const foreign: Record<string, string>[] = [
      { "sec-fetch-site": "cross-site" },
      { origin: "http://evil.example" },
    ];
    for (const headers of foreign) {
      const res = await call(handler, "GET", url, undefined, headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.body.error.code).toBe("forbidden_origin");
    }
  });

  it("answer HEAD on export and snapshot with headers only, without reading etcd", async () => {
    const exp = await exportRoute.HEAD(
      new Request("http://127.0.0.1/api/v1/export?prefix=/", { method: "HEAD" }),
    );
    expect(exp.status).toBe(200);
    expect(exp.headers.get("content-type")).toMatch(/ndjson/);
    expect(exp.headers.get("x-export-revision"), "no export was started").toBeNull();
    const snap = await snapshot.HEAD(
      new Request("http://127.0.0.1/api/v1/cluster/snapshot", { method: "HEAD" }),
    );
    expect(snap.status).toBe(200);
    expect(snap.headers.get("x-etcd-revision"), "no snapshot was opened").toBeNull();
    const bad = await exportRoute.HEAD(
      new Request("http://127.0.0.1/api/v1/export", { method: "HEAD" }),
    );
    expect(bad.status, "HEAD runs GET's checks").toBe(400);
  });
});
