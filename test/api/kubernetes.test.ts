import { randomUUID } from "node:crypto";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import * as leaseById from "@/app/api/v1/leases/[id]/route";
import * as copy from "@/app/api/v1/copy/route";
import * as importRoute from "@/app/api/v1/import/route";
import * as kv from "@/app/api/v1/kv/route";
import * as restore from "@/app/api/v1/restore/route";
import { writeGuarded } from "@/lib/etcd/bulk/batch-writer";
import { encodeKubernetesObject } from "@/lib/kubernetes/encode";
import { prefixTouchesRegistry } from "@/lib/kubernetes/registry";
import { call, q, rawClient } from "../helpers/api";

const etcd = rawClient();
// Every key of this file sits under its own folder inside /registry/.
const ns = `test-${randomUUID().slice(0, 8)}`;
const base = `/registry/pods/${ns}/`;
afterAll(async () => {
  await etcd.delete().prefix(base);
  await etcd.delete().prefix(`/regional-${ns}/`);
  etcd.close();
});
afterEach(() => vi.unstubAllEnvs());

const pod = (name: string) => ({
  kind: "Pod",
  apiVersion: "v1",
  metadata: { name, namespace: ns, uid: "0d5a8c3e-1111-4222-8333-444455556666" },
  spec: { containers: [{ name: "app", image: "busybox:1.36" }] },
});

/** Calls a `/leases/{id}` handler as Next does, with the id in `ctx.params`. */
async function callWithId(
  handler: (req: Request, ctx: { params: Promise<{ id: string }> }) => Promise<Response>,
  id: string,
) {
  const req = new Request(`http://127.0.0.1/api/v1/leases/${id}`, { method: "DELETE" });
  const res = await handler(req, { params: Promise.resolve({ id }) });
  return { status: res.status, body: await res.json() };
}

/** The key's value and revisions as etcd holds them, straight from etcd. */
async function snapshot(key: string) {
  const res = await etcd.get(key).exec();
  const k = res.kvs[0];
  return k ? { value: k.value.toString("hex"), mod: k.mod_revision, lease: k.lease } : null;
}

describe("GET /api/v1/kv decodes Kubernetes values", () => {
  it("adds `decoded` with the object as kubectl prints it", async () => {
    const key = `${base}web`;
    await etcd.put(key).value(Buffer.from(await encodeKubernetesObject(pod("web"))));
    const res = await call(kv.GET, "GET", `/api/v1/kv?key=${q(key)}`);
    expect(res.status).toBe(200);
    expect(res.body.kv.valueSize).toBeGreaterThan(4); // the raw bytes still travel
    expect(res.body.decoded).toEqual({
      format: "kubernetes",
      apiVersion: "v1",
      kind: "Pod",
      schemaKnown: true,
      object: {
        ...pod("web"),
        spec: { containers: [{ name: "app", image: "busybox:1.36", resources: {} }] },
        status: {},
      },
    });
  });

  it("labels an encrypted value and decodes a past revision on demand", async () => {
    const key = `${base}secret-ish`;
    const first = await etcd
      .put(key)
      .value(Buffer.from(await encodeKubernetesObject(pod("v1"))))
      .exec();
    await etcd
      .put(key)
      .value(Buffer.concat([Buffer.from("k8s:enc:aescbc:v1:key1:"), Buffer.from([0, 1, 0xfe])]));
    const now = await call(kv.GET, "GET", `/api/v1/kv?key=${q(key)}`);
    expect(now.body.decoded).toEqual({
      format: "kubernetes-encrypted",
      provider: "aescbc",
      version: "v1",
      keyName: "key1",
      prefixLength: 23,
    });
    const then = await call(
      kv.GET,
      "GET",
      `/api/v1/kv?key=${q(key)}&revision=${first.header.revision}`,
    );
    expect(then.body.decoded).toMatchObject({ kind: "Pod", object: { metadata: { name: "v1" } } });
  });

  it("adds nothing for an ordinary value", async () => {
    const key = `/regional-${ns}/plain`;
    await etcd.put(key).value("k8s is not here");
    const res = await call(kv.GET, "GET", `/api/v1/kv?key=${q(key)}`);
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty("decoded");
  });
});

describe("writes under /registry/ are refused (403 registry_protected) and etcd is unchanged", () => {
  it("PUT of a new key and over an existing one", async () => {
    const key = `${base}guarded`;
    await etcd.put(key).value(Buffer.from(await encodeKubernetesObject(pod("guarded"))));
    const before = await snapshot(key);
    for (const k of [key, `${base}new-one`]) {
      const res = await call(kv.PUT, "PUT", "/api/v1/kv", { key: k, value: "oops" });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("registry_protected");
      expect(res.body.error.message).toMatch(/API server/);
    }
    expect(await snapshot(key)).toEqual(before);
    expect(await snapshot(`${base}new-one`)).toBeNull();
  });

  it("PUT with the key given in base64", async () => {
    const key = `${base}b64`;
    const res = await call(kv.PUT, "PUT", "/api/v1/kv", {
      key: Buffer.from(key).toString("base64"),
      keyEncoding: "base64",
      value: "x",
    });
    expect(res.body.error?.code).toBe("registry_protected");
    expect(await snapshot(key)).toBeNull();
  });

  it("DELETE of a key, and of prefixes inside or around /registry/", async () => {
    const key = `${base}keep`;
    await etcd.put(key).value("v");
    const before = await snapshot(key);
    for (const query of [
      `key=${q(key)}`,
      `prefix=${q(base)}`,
      `prefix=${q("/registry/")}`,
      `prefix=${q("/regi")}`,
    ]) {
      const res = await call(kv.DELETE, "DELETE", `/api/v1/kv?${query}`);
      expect(res.status, query).toBe(403);
      expect(res.body.error.code).toBe("registry_protected");
    }
    expect(await snapshot(key)).toEqual(before);
  });

  it("revoking a lease that holds a /registry/ key", async () => {
    const lease = etcd.lease(60, { autoKeepAlive: false });
    const id = BigInt(await lease.grant()).toString(16);
    const key = `${base}leased`;
    await lease.put(key).value("event");
    const res = await callWithId(leaseById.DELETE, id);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("registry_protected");
    expect(await snapshot(key)).not.toBeNull();
    const ttl = await etcd.leaseClient.leaseTimeToLive({ ID: BigInt(`0x${id}`).toString() });
    expect(Number(ttl.TTL), "the lease still exists").toBeGreaterThan(0);
    await lease.revoke();
  });

  it("allows them when the gateway runs with ETCD_EXPLORER_ALLOW_REGISTRY_WRITES=1", async () => {
    vi.stubEnv("ETCD_EXPLORER_ALLOW_REGISTRY_WRITES", "1");
    const key = `${base}allowed`;
    const put = await call(kv.PUT, "PUT", "/api/v1/kv", { key, value: "ok" });
    expect(put.status).toBe(200);
    expect(await etcd.get(key).string()).toBe("ok");
    const del = await call(kv.DELETE, "DELETE", `/api/v1/kv?key=${q(key)}`);
    expect(del.status).toBe(200);
  });

  it("POST /restore of a /registry/ key (and of a whole request with one such key)", async () => {
    const key = `${base}restore-me`;
    const other = `/regional-${ns}/restore-other`;
    const first = await etcd.put(key).value("v1").exec();
    await etcd.put(key).value("v2");
    await etcd.put(other).value("o1");
    const before = await snapshot(key);
    const rev = first.header.revision;
    for (const items of [
      [{ key, revision: rev }],
      [
        { key: other, revision: rev },
        { key, revision: rev },
      ],
    ]) {
      const res = await call(restore.POST, "POST", "/api/v1/restore", { items, mode: "overwrite" });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("registry_protected");
      expect(res.body.error.details.field).toBe(`items.${items.length - 1}.key`);
    }
    expect(await snapshot(key)).toEqual(before);
    expect(await etcd.get(other).string()).toBe("o1");
  });

  it("POST /copy onto /registry/ (dry run too), and a move out of it", async () => {
    const src = `/regional-${ns}/copy-src/`;
    await etcd.put(`${src}a`).value("1");
    await etcd.put(`${src}b`).value("2");
    const cases = [
      { from: src, to: `${base}copied/` },
      { from: src, to: `${base}copied/`, dryRun: true },
      {
        items: [
          { from: `${src}a`, to: `/regional-${ns}/fine` },
          { from: `${src}b`, to: `${base}b` },
        ],
      },
    ];
    for (const body of cases) {
      const res = await call(copy.POST, "POST", "/api/v1/copy", body);
      expect(res.status, JSON.stringify(body)).toBe(403);
      expect(res.body.error.code).toBe("registry_protected");
      expect(res.body.error.details.field).toBe("to");
    }
    expect(await etcd.getAll().prefix(`${base}copied/`).keys()).toEqual([]);
    expect(await etcd.get(`${base}b`).string()).toBeNull();
    expect(await etcd.get(`/regional-${ns}/fine`).string()).toBeNull();

    const key = `${base}move-me`;
    await etcd.put(key).value("pod");
    const before = await snapshot(key);
    for (const body of [
      { from: key, to: `/regional-${ns}/moved`, move: true },
      { from: `${base}`, to: `/regional-${ns}/moved-all/`, move: true },
    ]) {
      const res = await call(copy.POST, "POST", "/api/v1/copy", body);
      expect(res.status, JSON.stringify(body)).toBe(403);
      expect(res.body.error.code).toBe("registry_protected");
      expect(res.body.error.details.field).toBe("from");
    }
    expect(await snapshot(key)).toEqual(before);
    expect(await etcd.get(`/regional-${ns}/moved`).string()).toBeNull();
    expect(await etcd.getAll().prefix(`/regional-${ns}/moved-all/`).keys()).toEqual([]);
    // A plain copy out of /registry/ only reads it: allowed.
    const out = await call(copy.POST, "POST", "/api/v1/copy", {
      from: key,
      to: `/regional-${ns}/copied-out`,
    });
    expect(out.status).toBe(200);
    expect(await snapshot(key)).toEqual(before);
  });

  it("POST /import of /registry/ keys, and re-rooted onto /registry/ by prefix=", async () => {
    const post = async (query: string, body: string) => {
      const res = await importRoute.POST(
        new Request(`http://127.0.0.1/api/v1/import?${query}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
        }),
      );
      return { status: res.status, body: await res.json() };
    };
    const direct = JSON.stringify({ [`/regional-${ns}/imp-ok`]: "1", [`${base}imp`]: "2" });
    const rooted = JSON.stringify({ a: "1", b: "2" });
    for (const [query, body, field] of [
      ["mode=overwrite", direct, "key"],
      ["mode=dry-run", direct, "key"],
      [`mode=create-only&prefix=${q(`${base}imp-rooted/`)}`, rooted, "prefix"],
    ]) {
      const res = await post(query, body);
      expect(res.status, query).toBe(403);
      expect(res.body.error.code).toBe("registry_protected");
      expect(res.body.error.details.field).toBe(field);
    }
    expect(await etcd.get(`/regional-${ns}/imp-ok`).string()).toBeNull();
    expect(await etcd.get(`${base}imp`).string()).toBeNull();
    expect(await etcd.getAll().prefix(`${base}imp-rooted/`).keys()).toEqual([]);
  });

  it("the batch writer itself refuses a put or delete under /registry/ (any future bulk path)", async () => {
    const key = Buffer.from(`${base}batch`);
    const fine = Buffer.from(`/regional-${ns}/batch`);
    const put = { put: Buffer.from("x"), lease: "0" };
    await expect(
      writeGuarded([
        { ops: [{ key: fine, expect: { absent: true }, action: put }] },
        { ops: [{ key, expect: { absent: true }, action: put }] },
      ]),
    ).rejects.toMatchObject({ code: "registry_protected" });
    await expect(
      writeGuarded([{ ops: [{ key, expect: { modRevision: "1" }, action: "delete" }] }]),
    ).rejects.toMatchObject({ code: "registry_protected" });
    expect(await etcd.get(fine.toString()).string()).toBeNull();
    expect(await etcd.get(key.toString()).string()).toBeNull();
  });

  it("leaves keys beside /registry/ writable", async () => {
    const key = `/regional-${ns}/k`;
    const res = await call(kv.PUT, "PUT", "/api/v1/kv", { key, value: "fine" });
    expect(res.status).toBe(200);
  });

  it("knows which prefixes reach /registry/ (the empty prefix and / included)", () => {
    const t = (s: string) => prefixTouchesRegistry(Buffer.from(s));
    expect(["", "/", "/reg", "/registry", "/registry/", "/registry/pods/"].map(t)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(["/registryx", "/regional/", "registry/", "/a"].map(t)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
