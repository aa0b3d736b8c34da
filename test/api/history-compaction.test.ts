import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Etcd3 } from "etcd3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as history from "@/app/api/v1/history/route";
import * as kv from "@/app/api/v1/kv/route";
import * as tree from "@/app/api/v1/tree/route";
import { closeMemberClients } from "@/lib/etcd/members";
import { startEtcd } from "../../scripts/lib/etcd-process.mjs";
import { call, q } from "../helpers/api";

// Its own etcd: compaction is store-wide and would break the other files' history reads.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "etcd-compact-"));
const holder = globalThis as {
  __etcdExplorerClients?: unknown;
  __etcdExplorerCompactFound?: unknown;
};
let etcd: Awaited<ReturnType<typeof startEtcd>>;
let raw: Etcd3;

beforeAll(async () => {
  etcd = await startEtcd({ dataDir: path.join(dir, "data") });
  delete holder.__etcdExplorerClients;
  delete holder.__etcdExplorerCompactFound;
  closeMemberClients();
  process.env.ETCD_ENDPOINTS = etcd.endpoint;
  raw = new Etcd3({ hosts: etcd.endpoint });
}, 30_000);
afterAll(async () => {
  raw?.close();
  closeMemberClients();
  await etcd?.stop();
  delete holder.__etcdExplorerClients;
  delete holder.__etcdExplorerCompactFound;
  fs.rmSync(dir, { recursive: true, force: true });
});

const put = async (k: string, v: string) =>
  BigInt((await raw.put(k).value(v).exec()).header.revision);
const del = async (k: string) => BigInt((await raw.delete().key(k).exec()).header.revision);
const compact = (rev: bigint) => raw.kv.compact({ revision: rev.toString(), physical: true });

describe("history and past revisions across a compaction", () => {
  it("lists versions back to the one live at the compaction, says where history ends, 410s before it", async () => {
    await put("/c/k", "old1");
    const old2 = await put("/c/k", "old2"); // live at the compaction
    await put("/c/other", "x");
    const at = await put("/c/other", "y");
    await compact(at);
    const d = await del("/c/k");
    const n1 = await put("/c/k", "new1");

    const res = await call(history.GET, "GET", `/api/v1/history?key=${q("/c/k")}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.compactRevision).toBe(at.toString());
    const brief = res.body.versions.map(
      (v: any) => `${v.type}@${v.revision}${v.kv ? `=${v.kv.value}` : ""}`,
    );
    expect(brief).toEqual([`put@${n1}=new1`, `delete@${d}`, `put@${old2}=old2`]);
    expect(res.body.more).toBe(false);

    const gone = await call(history.GET, "GET", `/api/v1/history?key=${q("/c/k")}&before=${old2}`);
    expect(gone.status).toBe(410);
    expect(gone.body.error.details).toMatchObject({ compactRevision: at.toString() });
  });

  it("a deleted key whose delete came after the compaction still shows its last value", async () => {
    await put("/c/gone", "last");
    const at = await put("/c/x", "1");
    await compact(at);
    const d = await del("/c/gone");
    await put("/c/x", "2");
    const res = await call(history.GET, "GET", `/api/v1/history?key=${q("/c/gone")}`);
    expect(res.status).toBe(200);
    expect(res.body.versions.map((v: any) => v.type)).toEqual(["delete", "put"]);
    expect(res.body.versions[0].revision).toBe(d.toString());
    expect(res.body.versions[1].kv.value).toBe("last");
    // A key deleted before the compaction is gone from history altogether.
    const never = await call(history.GET, "GET", `/api/v1/history?key=${q("/c/never")}`);
    expect(never.body.versions).toEqual([]);
  });

  it("tree and kv at a compacted revision answer 410 with the compaction and current revisions", async () => {
    const before = await put("/t/a", "1");
    const at = await put("/t/a", "2");
    await compact(at);
    const now = await put("/t/b", "3");
    for (const [handler, url] of [
      [tree.GET, `/api/v1/tree?prefix=${q("/t/")}&revision=${before - 1n}`],
      [kv.GET, `/api/v1/kv?key=${q("/t/a")}&revision=${before - 1n}`],
      [tree.GET, `/api/v1/tree?revision=${before - 1n}`],
    ] as const) {
      const res = await call(handler, "GET", url);
      expect(res.status, url).toBe(410);
      expect(res.body.error.code).toBe("revision_compacted");
      expect(res.body.error.details, url).toMatchObject({
        compactRevision: at.toString(),
        revision: (before - 1n).toString(),
      });
      expect(BigInt(res.body.error.details.currentRevision)).toBeGreaterThanOrEqual(now);
    }
    const ok = await call(tree.GET, "GET", `/api/v1/tree?prefix=${q("/t/")}&revision=${at}`);
    expect(ok.status).toBe(200);
    expect(ok.body.children.map((c: any) => c.name)).toEqual(["a"]);
    expect(ok.body.atRevision).toBe(at.toString());
  });
});

describe("restore across a compaction", () => {
  it("reports compacted for a revision below the compaction and restores the rest", async () => {
    const old = await put("/r/a", "a-old");
    await put("/r/b", "b");
    const at = await put("/r/a", "a-new");
    await compact(at);
    await raw.delete().prefix("/r/");
    const { POST } = await import("@/app/api/v1/restore/route");
    const res = await call(POST, "POST", "/api/v1/restore", {
      items: [
        { key: "/r/a", revision: String(old) },
        { key: "/r/b", revision: String(at) },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.results.map((r: any) => r.outcome)).toEqual(["compacted", "restored"]);
    expect(await raw.get("/r/a").string()).toBeNull();
    expect(await raw.get("/r/b").string()).toBe("b");
  });
});

describe("changes across a compaction", () => {
  it("answers 410 with the compaction revision for a compacted from", async () => {
    const from = await put("/ch/a", "1");
    await put("/ch/a", "2");
    const at = await put("/ch/b", "1");
    await compact(at);
    const { GET } = await import("@/app/api/v1/changes/route");
    const res = await call(GET, "GET", `/api/v1/changes?prefix=${q("/ch/")}&from=${from - 1n}`);
    expect(res.status, JSON.stringify(res.body)).toBe(410);
    expect(res.body.error.details).toMatchObject({
      compactRevision: at.toString(),
      revision: (from - 1n).toString(),
    });
    const ok = await call(GET, "GET", `/api/v1/changes?prefix=${q("/ch/")}&from=${at}`);
    expect(ok.status).toBe(200);
  });
});
