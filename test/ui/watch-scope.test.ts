import { describe, expect, it } from "vitest";
import type { PermissionRange, PermissionsResponse } from "@/lib/contract";
import { WATCH_URL } from "@/lib/live/watch-stream-types";
import { watchScope } from "@/lib/live/watch-scope";

const range = (over: Partial<PermissionRange>): PermissionRange => ({
  access: "read",
  key: "/app/",
  keyEncoding: "utf8",
  rangeEnd: "/app0",
  rangeEndEncoding: "utf8",
  prefix: true,
  role: "reader",
  ...over,
});
const perms = (over: Partial<PermissionsResponse>): PermissionsResponse => ({
  header: { revision: "1" },
  auth: true,
  user: "alice",
  root: false,
  roles: ["reader"],
  ranges: [],
  ...over,
});

describe("watchScope", () => {
  it("watches everything without auth, for root, and while permissions are unknown", () => {
    expect(watchScope(undefined)).toEqual({ url: WATCH_URL, note: null });
    expect(watchScope(perms({ auth: false, user: null }))).toEqual({ url: WATCH_URL, note: null });
    expect(watchScope(perms({ root: true, ranges: [range({})] }))).toEqual({
      url: WATCH_URL,
      note: null,
    });
  });

  it("watches the first readable prefix of a restricted user, and says why", () => {
    const scope = watchScope(
      perms({ ranges: [range({ access: "write", key: "/w/" }), range({}), range({ key: "/z/" })] }),
    );
    expect(scope.url).toBe(`/api/v1/watch?prefix=${encodeURIComponent("/app/")}&prevKv=1`);
    expect(scope.note).toBe(
      'etcd doesn\'t let user "alice" watch all keys; watching keys under "/app/" (the first prefix it may read)',
    );
  });

  it("falls back to a single readable key, then to everything (the 403 then explains)", () => {
    const key = watchScope(
      perms({ ranges: [range({ key: "/one", rangeEnd: null, prefix: false })] }),
    );
    expect(key.url).toBe(`/api/v1/watch?key=${encodeURIComponent("/one")}&prevKv=1`);
    expect(watchScope(perms({ ranges: [] }))).toEqual({ url: WATCH_URL, note: null });
  });
});
