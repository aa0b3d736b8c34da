import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Etcd3 } from "etcd3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as cluster from "@/app/api/v1/cluster/route";
import * as health from "@/app/api/v1/health/route";
import * as kv from "@/app/api/v1/kv/route";
import * as permissions from "@/app/api/v1/permissions/route";
import * as range from "@/app/api/v1/range/route";
import * as tree from "@/app/api/v1/tree/route";
import * as watch from "@/app/api/v1/watch/route";
import { permissionsResponseSchema } from "@/lib/contract";
import type { EtcdClients } from "@/lib/etcd/client";
import { closeAllFeeds, openFeedCount } from "@/lib/etcd/watch/watch-hub";
import { ETCDCTL_BIN, freePort, startEtcd } from "../../scripts/lib/etcd-process.mjs";
import { call, q } from "../helpers/api";
import { openSse } from "../helpers/sse";

// This file runs its own etcd with auth on and a 2 s auth token TTL, and points the gateway at
// it as `alice`: role `reader` (read on /app/) and role `scratch` (readwrite on /app/rw/).
const TTL_S = 2;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "etcd-auth-"));
const holder = globalThis as { __etcdExplorerClients?: EtcdClients };
const member = { name: "auth", clientPort: 0, peerPort: 0 };
let etcd: Awaited<ReturnType<typeof startEtcd>>;
let root: Etcd3;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Long enough for every token handed out so far to expire. */
const outliveToken = () => sleep(TTL_S * 1000 + 1500);
const start = () =>
  startEtcd({
    dataDir: path.join(dir, "data"),
    member,
    extraArgs: ["--auth-token-ttl", String(TTL_S)],
  });

beforeAll(async () => {
  member.clientPort = await freePort();
  member.peerPort = await freePort();
  etcd = await start();
  const ctl = (...args: string[]) =>
    execFileSync(ETCDCTL_BIN, ["--endpoints", etcd.endpoint, ...args], { encoding: "utf8" });
  ctl("user", "add", "root:rootpw");
  ctl("user", "grant-role", "root", "root");
  ctl("role", "add", "reader");
  ctl("role", "grant-permission", "reader", "read", "/app/", "--prefix");
  ctl("role", "add", "scratch");
  ctl("role", "grant-permission", "scratch", "readwrite", "/app/rw/", "--prefix");
  ctl("user", "add", "alice:alicepw");
  ctl("user", "grant-role", "alice", "reader");
  ctl("user", "grant-role", "alice", "scratch");
  ctl("auth", "enable");
  root = new Etcd3({ hosts: etcd.endpoint, auth: { username: "root", password: "rootpw" } });
  await root.put("/app/a").value("1");
  await root.put("/app/sub/b").value("2");
  await root.put("/other/b").value("3");

  delete holder.__etcdExplorerClients;
  process.env.ETCD_ENDPOINTS = etcd.endpoint;
  process.env.ETCD_USERNAME = "alice";
  process.env.ETCD_PASSWORD = "alicepw";
}, 60_000);

afterAll(async () => {
  closeAllFeeds();
  const clients = holder.__etcdExplorerClients;
  for (const c of [clients?.read, clients?.write, clients?.watch]) c?.close();
  delete holder.__etcdExplorerClients;
  delete process.env.ETCD_USERNAME;
  delete process.env.ETCD_PASSWORD;
  root?.close();
  await etcd?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("a non-root etcd user with read on /app/", () => {
  it("browses /app/: tree, kv, range and watch answer 200 with its keys", async () => {
    const t = await call(tree.GET, "GET", `/api/v1/tree?prefix=${q("/app/")}`);
    expect(t.status, JSON.stringify(t.body)).toBe(200);
    expect(t.body.restricted).toBeUndefined();
    expect(t.body.children.map((c: { name: string }) => c.name)).toEqual(["a", "sub"]);

    const k = await call(kv.GET, "GET", `/api/v1/kv?key=${q("/app/a")}`);
    expect(k.status).toBe(200);
    expect(k.body.kv.value).toBe("1");

    const r = await call(range.GET, "GET", `/api/v1/range?prefix=${q("/app/")}`);
    expect(r.status).toBe(200);
    expect(r.body.kvs.map((x: { key: string }) => x.key)).toEqual(["/app/a", "/app/sub/b"]);

    const sse = await openSse(watch.GET, `/api/v1/watch?prefix=${q("/app/")}`);
    try {
      expect(sse.status).toBe(200);
      await sse.next((m) => m.event === "ready");
      await root.put("/app/watched").value("w");
      const change = await sse.next((m) => m.event === "change");
      expect(change.data.events[0].kv.key).toBe("/app/watched");
    } finally {
      sse.close();
    }
  });

  it("health and the cluster view work without root", async () => {
    const h = await call(health.GET, "GET", "/api/v1/health");
    expect(h.status, JSON.stringify(h.body)).toBe(200);
    const c = await call(cluster.GET, "GET", "/api/v1/cluster");
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    expect(c.body.alarmsError, "etcd lets any user list alarms").toBeUndefined();
    expect(c.body.members[0].status?.version).toMatch(/^3\./);
  });

  it("reads elsewhere are a 403 naming the user, the key and that it was a read", async () => {
    const k = await call(kv.GET, "GET", `/api/v1/kv?key=${q("/other/b")}`);
    expect(k.status).toBe(403);
    expect(k.body.error.code).toBe("etcd_permission_denied");
    expect(k.body.error.message).toBe('etcd user "alice" may not read "/other/b"');
    expect(k.body.error.details).toMatchObject({ key: "/other/b", access: "read", user: "alice" });

    const r = await call(range.GET, "GET", `/api/v1/range?prefix=${q("/other/")}`);
    expect(r.status).toBe(403);
    expect(r.body.error.message).toBe('etcd user "alice" may not read keys under "/other/"');
    expect(r.body.error.details).toMatchObject({ key: "/other/", prefix: true });

    const all = await call(range.GET, "GET", "/api/v1/range?prefix=");
    expect(all.status).toBe(403);
    expect(all.body.error.message).toBe('etcd user "alice" may not read the whole keyspace');
  });

  it("writes under /app/ (a read-only role there) are a 403 saying write", async () => {
    const put = await call(kv.PUT, "PUT", "/api/v1/kv", { key: "/app/new", value: "x" });
    expect(put.status).toBe(403);
    expect(put.body.error.message).toBe(
      'etcd user "alice" may not write "/app/new" (writes need read and write permission there)',
    );
    expect(put.body.error.details).toMatchObject({ key: "/app/new", access: "write" });
    expect((await root.get("/app/new").string()) ?? null).toBeNull();

    const del = await call(kv.DELETE, "DELETE", `/api/v1/kv?key=${q("/app/a")}`);
    expect(del.status).toBe(403);
    expect(del.body.error.message).toBe(
      'etcd user "alice" may not write "/app/a" (writes need read and write permission there)',
    );

    const delPrefix = await call(kv.DELETE, "DELETE", `/api/v1/kv?prefix=${q("/app/")}`);
    expect(delPrefix.status).toBe(403);
    expect(delPrefix.body.error.message).toBe(
      'etcd user "alice" may not write keys under "/app/" (writes need read and write permission there)',
    );
    expect(await root.get("/app/a").string()).toBe("1");
  });

  it("a watch etcd refuses is a 403 JSON answer before any stream starts", async () => {
    const before = openFeedCount();
    for (const [prefix, what] of [
      ["/other/", 'keys under "/other/"'],
      ["", "the whole keyspace"],
    ]) {
      const res = await watch.GET(new Request(`http://127.0.0.1/api/v1/watch?prefix=${q(prefix)}`));
      expect(res.status, prefix).toBe(403);
      expect(res.headers.get("content-type")).toMatch(/application\/json/);
      const body = await res.json();
      expect(body.error.code).toBe("etcd_permission_denied");
      expect(body.error.message).toBe(`etcd user "alice" may not read ${what}`);
    }
    expect(openFeedCount(), "the refused watches left no etcd watcher behind").toBe(before);
  });

  it("a watch from a revision etcd refuses is a 403 JSON answer too, never a stream", async () => {
    const before = openFeedCount();
    const other = await root.put("/other/c").value("4").exec();
    const url = `http://127.0.0.1/api/v1/watch?prefix=${q("/other/")}`;
    for (const [path, headers] of [
      [`${url}&fromRevision=1`, {}],
      [url, { "last-event-id": other.header.revision }],
    ] as const) {
      const res = await watch.GET(new Request(path, { headers }));
      expect(res.status, path).toBe(403);
      expect(res.headers.get("content-type")).toMatch(/application\/json/);
      const body = await res.json();
      expect(body.error.code).toBe("etcd_permission_denied");
      expect(body.error.message).toBe('etcd user "alice" may not read keys under "/other/"');
    }
    expect(openFeedCount(), "the refused watches left no etcd watcher behind").toBe(before);
  });

  it("the tree shows the way from the root down to /app/ as restricted rows", async () => {
    const top = await call(tree.GET, "GET", "/api/v1/tree?prefix=");
    expect(top.status, JSON.stringify(top.body)).toBe(200);
    expect(top.body.restricted).toBe(true);
    expect(top.body.children).toEqual([
      expect.objectContaining({ name: "", key: "", hasChildren: true, restricted: true }),
    ]);
    const slash = await call(tree.GET, "GET", `/api/v1/tree?prefix=${q("/")}`);
    expect(slash.status).toBe(200);
    expect(slash.body.restricted).toBe(true);
    expect(slash.body.children).toEqual([
      expect.objectContaining({ name: "app", key: "/app", hasChildren: true, hasValue: false }),
    ]);
    const app = await call(tree.GET, "GET", `/api/v1/tree?prefix=${q("/app/")}`);
    expect(app.body.restricted).toBeUndefined();

    const other = await call(tree.GET, "GET", `/api/v1/tree?prefix=${q("/other/")}`);
    expect(other.status).toBe(403);
    expect(other.body.error.message).toBe('etcd user "alice" may not read keys under "/other/"');
  });

  it("GET /api/v1/permissions lists the user's roles and the ranges they grant", async () => {
    const res = await call(permissions.GET, "GET", "/api/v1/permissions");
    expect(res.status).toBe(200);
    const body = permissionsResponseSchema.parse(res.body);
    expect(body).toMatchObject({ auth: true, user: "alice", root: false });
    expect(body.roles.sort()).toEqual(["reader", "scratch"]);
    expect(body.ranges).toEqual([
      {
        access: "read",
        key: "/app/",
        keyEncoding: "utf8",
        rangeEnd: "/app0",
        rangeEndEncoding: "utf8",
        prefix: true,
        role: "reader",
      },
      {
        access: "readwrite",
        key: "/app/rw/",
        keyEncoding: "utf8",
        rangeEnd: "/app/rw0",
        rangeEndEncoding: "utf8",
        prefix: true,
        role: "scratch",
      },
    ]);
  });
});

describe(`auth tokens expiring (--auth-token-ttl ${TTL_S})`, () => {
  it("a watch opened before the token expired keeps delivering well after the TTL", async () => {
    const p = "/app/long-lived/";
    const sse = await openSse(watch.GET, `/api/v1/watch?prefix=${q(p)}`);
    try {
      await sse.next((m) => m.event === "ready");
      for (let i = 0; i < 4; i++) {
        await sleep(TTL_S * 1000);
        await root.put(`${p}k${i}`).value(String(i));
        const m = await sse.next((x) => x.event === "change", 5_000);
        expect(m.data.events[0].kv.key, `event ${i}, ${(i + 1) * TTL_S} s in`).toBe(`${p}k${i}`);
      }
    } finally {
      sse.close();
    }
  }, 30_000);

  it("a watch opened after the watch client's token expired works", async () => {
    const p = "/app/after-expiry/";
    const first = await openSse(watch.GET, `/api/v1/watch?prefix=${q(`${p}warm/`)}`);
    await first.next((m) => m.event === "ready"); // the watch client now holds a token
    first.close();
    await outliveToken();
    const sse = await openSse(watch.GET, `/api/v1/watch?prefix=${q(p)}`);
    try {
      expect(sse.status, "not refused for the stale token").toBe(200);
      await sse.next((m) => m.event === "ready", 5_000);
      await root.put(`${p}k`).value("v");
      const m = await sse.next((x) => x.event === "change", 5_000);
      expect(m.data.events[0].kv.key).toBe(`${p}k`);
    } finally {
      sse.close();
    }
  }, 30_000);

  it("a watch resumed (Last-Event-ID) after the token expired loses nothing", async () => {
    const p = "/app/resume/";
    const sse = await openSse(watch.GET, `/api/v1/watch?prefix=${q(p)}`);
    await sse.next((m) => m.event === "ready");
    await root.put(`${p}k0`).value("0");
    const seen = await sse.next((m) => m.event === "change");
    sse.close();
    closeAllFeeds(); // a gateway restart: no ring to replay from, a new etcd watcher is needed
    const written: string[] = [];
    for (let i = 1; i <= 3; i++) {
      written.push((await root.put(`${p}k${i}`).value(String(i)).exec()).header.revision);
    }
    await outliveToken();
    const again = await openSse(watch.GET, `/api/v1/watch?prefix=${q(p)}`, {
      "last-event-id": seen.id!,
    });
    try {
      expect(again.status).toBe(200);
      for (const [i, rev] of written.entries()) {
        const m = await again.next((x) => x.event === "change", 5_000);
        expect(m.id).toBe(rev);
        expect(m.data.events[0].kv.key).toBe(`${p}k${i + 1}`);
      }
    } finally {
      again.close();
    }
  }, 30_000);

  it("unary reads and writes after the token expired work and don't hang", async () => {
    await call(kv.GET, "GET", `/api/v1/kv?key=${q("/app/a")}`); // every client holds a token
    await call(kv.PUT, "PUT", "/api/v1/kv", { key: "/app/rw/warm", value: "w" });
    await outliveToken();
    const t0 = Date.now();
    const reads = await Promise.all(
      Array.from({ length: 8 }, () => call(kv.GET, "GET", `/api/v1/kv?key=${q("/app/a")}`)),
    );
    expect(reads.map((r) => r.status)).toEqual(Array(8).fill(200));
    const writes = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        call(kv.PUT, "PUT", "/api/v1/kv", { key: `/app/rw/k${i}`, value: String(i) }),
      ),
    );
    expect(writes.map((r) => r.status)).toEqual(Array(4).fill(200));
    // A deadlock would hit the 5 s unary deadline per call; bcrypt on a busy machine is slow.
    expect(Date.now() - t0, "re-authenticating hung on no deadline").toBeLessThan(10_000);
  }, 30_000);

  it("a watch whose etcd restarts (every token gone) resumes from delivered + 1", async () => {
    const p = "/app/restart/";
    const sse = await openSse(watch.GET, `/api/v1/watch?prefix=${q(p)}`);
    try {
      await sse.next((m) => m.event === "ready");
      await root.put(`${p}before`).value("b");
      await sse.next((m) => m.event === "change");
      await etcd.stop();
      etcd = await start();
      const revisions: string[] = [];
      for (const k of ["x", "y"]) {
        revisions.push((await root.put(`${p}${k}`).value(k).exec()).header.revision);
      }
      for (const [i, rev] of revisions.entries()) {
        const m = await sse.next((x) => x.event === "change", 15_000);
        expect(m.id, `change ${i} after the restart`).toBe(rev);
      }
    } finally {
      sse.close();
    }
  }, 45_000);
});
