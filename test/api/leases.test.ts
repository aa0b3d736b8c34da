import { afterAll, describe, expect, it } from "vitest";
import * as leases from "@/app/api/v1/leases/route";
import * as lease from "@/app/api/v1/leases/[id]/route";
import * as keepalive from "@/app/api/v1/leases/[id]/keepalive/route";
import * as ttls from "@/app/api/v1/leases/ttl/route";
import { call, rawClient, uniquePrefix } from "../helpers/api";

const etcd = rawClient();
const base = uniquePrefix("leases");
const granted: string[] = [];
afterAll(async () => {
  await etcd.delete().prefix(base);
  for (const id of granted)
    await etcd.leaseClient.leaseRevoke({ ID: BigInt(`0x${id}`).toString() }).catch(() => {});
  etcd.close();
});

type Handler = (req: Request, ctx: { params: Promise<{ id: string }> }) => Promise<Response>;

/** Call a `/leases/{id}` handler with the route context Next would pass. */
async function callId(handler: Handler, method: string, id: string, suffix = "") {
  const req = new Request(`http://127.0.0.1/api/v1/leases/${id}${suffix}`, { method });
  const res = await handler(req, { params: Promise.resolve({ id }) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function grant(ttl: number): Promise<string> {
  const res = await call(leases.POST, "POST", "/api/v1/leases", { ttl });
  expect(res.status).toBe(201);
  granted.push(res.body.id);
  return res.body.id;
}

describe("POST /api/v1/leases", () => {
  it("grants a lease with a hex ID beyond 2^53 kept exact", async () => {
    const res = await call(leases.POST, "POST", "/api/v1/leases", { ttl: 30 });
    expect(res.status).toBe(201);
    granted.push(res.body.id);
    expect(res.body.id).toMatch(/^[0-9a-f]+$/);
    expect(res.body.ttl).toBe(30);
    const all = await etcd.leaseClient.leaseLeases();
    expect(res.body.id).toHaveLength(16);
    expect(all.leases.map((l) => BigInt(l.ID).toString(16).padStart(16, "0"))).toContain(
      res.body.id,
    );
  });

  it.each([[{ ttl: 0 }], [{ ttl: 1.5 }], [{ ttl: "10" }], [{}]])(
    "answers 400 naming ttl for %j",
    async (body) => {
      const res = await call(leases.POST, "POST", "/api/v1/leases", body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("invalid_request");
      expect(res.body.error.details.field).toBe("ttl");
    },
  );
});

describe("GET /api/v1/leases/{id}", () => {
  it("returns TTL, granted TTL and the attached keys", async () => {
    const id = await grant(60);
    await etcd
      .put(`${base}a`)
      .value("1")
      .lease(BigInt(`0x${id}`).toString());
    const res = await callId(lease.GET, "GET", id);
    expect(res.status).toBe(200);
    expect(res.body.lease).toMatchObject({ id, grantedTtl: 60 });
    expect(res.body.lease.ttl).toBeGreaterThan(55);
    expect(res.body.lease.keys).toEqual([{ key: `${base}a`, keyEncoding: "utf8" }]);
  });

  it("answers 404 lease_not_found for an unknown lease", async () => {
    const res = await callId(lease.GET, "GET", "7fffaaaa00001234");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("lease_not_found");
  });

  it("answers 400 naming id for a non-hex id or one beyond int64", async () => {
    for (const h of [lease.GET, lease.DELETE, keepalive.POST] as Handler[]) {
      for (const id of ["xyz", "8000000000000000", "ffffffffffffffff"]) {
        const res = await callId(h, "GET", id);
        expect(res.status, id).toBe(400);
        expect(res.body.error.details.field).toBe("id");
      }
    }
  });
});

describe("GET /api/v1/leases", () => {
  it("lists leases with their keys, paged by ID", async () => {
    const ids = [await grant(40), await grant(40), await grant(40)];
    await etcd
      .put(`${base}listed`)
      .value("x")
      .lease(BigInt(`0x${ids[1]}`).toString());
    const all = await call(leases.GET, "GET", "/api/v1/leases?limit=1000");
    expect(all.status).toBe(200);
    const mine = all.body.leases.filter((l: { id: string }) => ids.includes(l.id));
    expect(mine).toHaveLength(3);
    expect(mine.find((l: { id: string }) => l.id === ids[1]).keys).toEqual([
      { key: `${base}listed`, keyEncoding: "utf8" },
    ]);
    const seen: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 1000; i++) {
      const page = await call(
        leases.GET,
        "GET",
        `/api/v1/leases?limit=2${after ? `&after=${after}` : ""}`,
      );
      expect(page.body.leases.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.leases.map((l: { id: string }) => l.id));
      if (!page.body.more) break;
      after = page.body.next;
    }
    for (const id of ids) expect(seen).toContain(id);
    const sorted = [...seen].sort((a, b) => (BigInt(`0x${a}`) < BigInt(`0x${b}`) ? -1 : 1));
    expect(seen).toEqual(sorted);
  });

  it("answers 400 naming the bad parameter", async () => {
    expect((await call(leases.GET, "GET", "/api/v1/leases?limit=0")).body.error.details.field).toBe(
      "limit",
    );
    expect(
      (await call(leases.GET, "GET", "/api/v1/leases?after=zz")).body.error.details.field,
    ).toBe("after");
  });
});

describe("GET /api/v1/leases/ttl", () => {
  it("reads every named lease in one call, in order, an unknown one marked as gone", async () => {
    const long = await grant(60);
    const short = await grant(20);
    const unknown = "7fffaaaa0000beef";
    // A short form and a repeat of `long` (etcdctl IDs are zero-padded; the API pads too).
    const asked = [short, unknown, long.replace(/^0+/, ""), long].join(",");
    const res = await call(ttls.GET, "GET", `/api/v1/leases/ttl?ids=${asked}`);
    expect(res.status).toBe(200);
    expect(res.body.header.revision).toMatch(/^\d+$/);
    expect(res.body.leases).toHaveLength(3);
    const [a, b, c] = res.body.leases;
    expect(a).toMatchObject({ id: short, exists: true, grantedTtl: 20 });
    expect(a.ttl).toBeGreaterThan(15);
    expect(a.ttl).toBeLessThanOrEqual(20);
    expect(b).toEqual({ id: unknown, exists: false });
    expect(c).toMatchObject({ id: long, exists: true, grantedTtl: 60 });
    expect(c.ttl).toBeGreaterThan(55);
  });

  it("marks a revoked lease as gone and sees a renewal as the TTL going back up", async () => {
    const id = await grant(3);
    await new Promise((r) => setTimeout(r, 1_200));
    const before = (await call(ttls.GET, "GET", `/api/v1/leases/ttl?ids=${id}`)).body.leases[0];
    expect(before.ttl).toBeLessThan(3);
    await etcd.leaseClient.leaseKeepAlive().then(
      (stream) =>
        new Promise<void>((resolve, reject) => {
          stream.on("data", () => {
            stream.cancel();
            resolve();
          });
          stream.on("error", reject);
          stream.write({ ID: BigInt(`0x${id}`).toString() });
        }),
    );
    const after = (await call(ttls.GET, "GET", `/api/v1/leases/ttl?ids=${id}`)).body.leases[0];
    expect(after.ttl).toBeGreaterThan(before.ttl);
    await etcd.leaseClient.leaseRevoke({ ID: BigInt(`0x${id}`).toString() });
    const gone = await call(ttls.GET, "GET", `/api/v1/leases/ttl?ids=${id}`);
    expect(gone.body.leases).toEqual([{ id, exists: false }]);
  });

  it.each([
    ["no ids", ""],
    ["an empty list", "?ids="],
    ["a non-hex ID", "?ids=abc,xyz"],
    ["an empty item", "?ids=abc,,def"],
    ["an ID of 17 digits", `?ids=${"1".repeat(17)}`],
    ["an ID beyond int64", "?ids=8000000000000000"],
    ["101 IDs", `?ids=${Array.from({ length: 101 }, (_, i) => (i + 1).toString(16)).join(",")}`],
  ])("answers 400 naming ids for %s", async (_name, query) => {
    const res = await call(ttls.GET, "GET", `/api/v1/leases/ttl${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
    expect(res.body.error.details.field).toBe("ids");
  });

  it("accepts 100 IDs (the bound)", async () => {
    const ids = Array.from({ length: 100 }, (_, i) =>
      (0x7fffaaaa00010000n + BigInt(i)).toString(16),
    );
    const res = await call(ttls.GET, "GET", `/api/v1/leases/ttl?ids=${ids.join(",")}`);
    expect(res.status).toBe(200);
    expect(res.body.leases).toHaveLength(100);
    expect(res.body.leases.every((l: { exists: boolean }) => !l.exists)).toBe(true);
  });
});

describe("POST /api/v1/leases/{id}/keepalive", () => {
  it("renews the lease back to its granted TTL", async () => {
    const id = await grant(20);
    const res = await callId(keepalive.POST, "POST", id, "/keepalive");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, ttl: 20 });
  });

  it("answers 404 for an unknown lease", async () => {
    const res = await callId(keepalive.POST, "POST", "7fffaaaa00005678", "/keepalive");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("lease_not_found");
  });
});

describe("DELETE /api/v1/leases/{id}", () => {
  it("revokes the lease and its keys disappear", async () => {
    const id = await grant(60);
    await etcd
      .put(`${base}doomed`)
      .value("x")
      .lease(BigInt(`0x${id}`).toString());
    const res = await callId(lease.DELETE, "DELETE", id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, revoked: true });
    expect(await etcd.get(`${base}doomed`).string()).toBeNull();
    expect((await callId(lease.GET, "GET", id)).status).toBe(404);
  });

  it("answers 404 lease_not_found for an unknown lease", async () => {
    const res = await callId(lease.DELETE, "DELETE", "7fffaaaa00009abc");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("lease_not_found");
  });

  it("a key whose lease expires disappears within TTL + 1 s", async () => {
    const res = await call(leases.POST, "POST", "/api/v1/leases", { ttl: 1 });
    const id: string = res.body.id;
    // etcd may raise a tiny TTL to its minimum; the promise is TTL + 1 s of what it granted.
    const budget = (res.body.ttl + 1) * 1000 + 300;
    await etcd
      .put(`${base}ephemeral`)
      .value("x")
      .lease(BigInt(`0x${id}`).toString());
    const t0 = Date.now();
    while ((await etcd.get(`${base}ephemeral`).string()) !== null) {
      expect(Date.now() - t0).toBeLessThan(budget);
      await new Promise((r) => setTimeout(r, 100));
    }
  });
});
