import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import * as restore from "@/app/api/v1/restore/route";
import { call, rawClient, uniquePrefix } from "../helpers/api";

const etcd = rawClient();
const base = uniquePrefix("restore");
afterEach(() => {
  delete process.env.ETCD_EXPLORER_READ_ONLY;
  vi.restoreAllMocks();
});
afterAll(async () => {
  await etcd.delete().prefix(base);
  etcd.close();
});

const post = (body: unknown) => call(restore.POST, "POST", "/api/v1/restore", body);
const get = async (key: string | Buffer) => (await etcd.kv.range({ key: Buffer.from(key) })).kvs[0];

describe("POST /api/v1/restore", () => {
  it("restores deleted keys byte-exact, without a lease, and never overwrites an existing key", async () => {
    const dir = `${base}a/`;
    const bin = Buffer.concat([Buffer.from(dir), Buffer.from([0xff, 0x00])]);
    const binValue = Buffer.from([0, 0xfe, 0x80, 10]);
    const lease = etcd.lease(60);
    await lease.put(`${dir}leased`).value("with lease");
    await etcd.put(bin).value(binValue);
    await etcd.put(`${dir}kept`).value("old");
    const at = (await etcd.put(`${dir}plain`).value("p").exec()).header.revision;
    await etcd.delete().prefix(dir);
    await etcd.put(`${dir}kept`).value("new, must survive");
    const res = await post({
      items: [
        { key: `${dir}leased`, revision: at },
        { key: bin.toString("base64"), keyEncoding: "base64", revision: at },
        { key: `${dir}kept`, revision: at },
        { key: `${dir}plain`, revision: at },
        { key: `${dir}never`, revision: at },
      ],
    });
    await lease.revoke();
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.mode).toBe("create-only");
    expect(res.body.atomic).toBe(true);
    expect(res.body.results.map((r: any) => r.outcome)).toEqual([
      "restored",
      "restored",
      "exists",
      "restored",
      "not_found",
    ]);
    expect(res.body.results[1]).toMatchObject({
      key: bin.toString("base64"),
      keyEncoding: "base64",
    });
    expect(res.body.results[0].revision).toBe(res.body.header.revision);
    expect((await get(bin)).value).toEqual(binValue);
    expect((await get(`${dir}kept`)).value.toString()).toBe("new, must survive");
    const leased = await get(`${dir}leased`);
    expect(leased.value.toString()).toBe("with lease"); // still there after its old lease was revoked
    expect(leased.lease).toBe("0");
    expect((await get(`${dir}plain`)).value.toString()).toBe("p");
  });

  it("overwrite mode writes the old value over the current one", async () => {
    const key = `${base}ow`;
    const at = (await etcd.put(key).value("v1").exec()).header.revision;
    await etcd.put(key).value("v2");
    const create = await post({ items: [{ key, revision: at }] });
    expect(create.body.results[0].outcome).toBe("exists");
    expect((await get(key)).value.toString()).toBe("v2");
    const res = await post({ items: [{ key, revision: at }], mode: "overwrite" });
    expect(res.body.results[0].outcome).toBe("restored");
    expect((await get(key)).value.toString()).toBe("v1");
  });

  it("restores more keys than one transaction holds and says it is not atomic", async () => {
    const dir = `${base}many/`;
    const n = 300;
    await Promise.all(Array.from({ length: n }, (_, i) => etcd.put(`${dir}${i}`).value(`v${i}`)));
    const at = (await etcd.put(`${base}mark`).value("m").exec()).header.revision;
    await etcd.delete().prefix(dir);
    await etcd.put(`${dir}7`).value("recreated");
    const items = Array.from({ length: n }, (_, i) => ({ key: `${dir}${i}`, revision: at }));
    const res = await post({ items });
    expect(res.status).toBe(200);
    expect(res.body.atomic).toBe(false);
    expect(res.body.transactions).toBe(3);
    expect(res.body.maxTxnOps).toBe(128);
    expect(res.body.note).toMatch(/not atomic/);
    const outcomes = res.body.results.map((r: any) => r.outcome);
    expect(outcomes.filter((o: string) => o === "restored")).toHaveLength(n - 1);
    expect(outcomes[7]).toBe("exists");
    const back = await etcd.getAll().prefix(dir).strings();
    expect(Object.keys(back)).toHaveLength(n);
    expect(back[`${dir}299`]).toBe("v299");
    expect(back[`${dir}7`]).toBe("recreated");
  });

  it("refuses bad bodies with 400 naming the field, and writes nothing", async () => {
    const now = (await etcd.put(`${base}x`).value("x").exec()).header.revision;
    const cases: [unknown, string][] = [
      [{ items: [] }, "items"],
      [{ items: [{ key: "a", revision: "0" }] }, "items.0.revision"],
      [
        {
          items: [
            { key: `${base}y`, revision: "1" },
            { key: "a", revision: "x" },
          ],
        },
        "items.1.revision",
      ],
      [{ items: [{ key: `${base}y`, revision: String(BigInt(now) + 100n) }] }, "items.0.revision"],
      [
        {
          items: [
            { key: `${base}y`, revision: now },
            { key: `${base}y`, revision: now },
          ],
        },
        "items.1.key",
      ],
      [{ items: [{ key: "!!", keyEncoding: "base64", revision: now }] }, "items.0.key"],
      [{ items: [{ key: `${base}y`, revision: now }], mode: "merge" }, "mode"],
    ];
    for (const [body, field] of cases) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.details.field, JSON.stringify(body)).toBe(field);
    }
    expect(await get(`${base}y`)).toBeUndefined();
  });

  it("is refused in read-only mode and audited like every write", async () => {
    const at = (await etcd.put(`${base}ro`).value("v").exec()).header.revision;
    await etcd.delete().key(`${base}ro`);
    const log = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    process.env.ETCD_EXPLORER_READ_ONLY = "1";
    const res = await post({ items: [{ key: `${base}ro`, revision: at }] });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("read_only");
    expect(await get(`${base}ro`)).toBeUndefined();
    expect(
      log.mock.calls.some(
        (c) => String(c[0]).includes('"audit":true') && String(c[0]).includes("/api/v1/restore"),
      ),
    ).toBe(true);
  });
});
