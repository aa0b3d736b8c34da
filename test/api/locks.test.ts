import { randomBytes } from "node:crypto";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { inject } from "vitest";
import * as locks from "@/app/api/v1/locks/route";
import type { LockDto, LocksResponse } from "@/lib/contract";
import { startEtcdctl, type EtcdctlProcess } from "../../scripts/lib/etcdctl-process.mjs";
import { call, q, rawClient, uniquePrefix } from "../helpers/api";

const etcd = rawClient();
const endpoint = inject("etcdEndpoint");
const running: EtcdctlProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.stop()));
});
afterAll(() => etcd.close());

/** An etcdctl process, stopped (SIGKILL) after the test. */
function etcdctl(args: string[]): EtcdctlProcess {
  const p = startEtcdctl(endpoint, args);
  running.push(p);
  return p;
}

async function listLocks(prefix: string): Promise<LocksResponse> {
  const res = await call(locks.GET, "GET", `/api/v1/locks?prefix=${q(prefix)}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** The only lock under `prefix` once `ok` holds for it (polling; etcdctl and leases take time). */
async function waitForLock(prefix: string, ok: (l: LockDto) => boolean): Promise<LockDto> {
  let last: LocksResponse | undefined;
  for (let i = 0; i < 100; i++) {
    last = await listLocks(prefix);
    if (last.locks.length === 1 && ok(last.locks[0])) return last.locks[0];
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`lock never reached the state; last: ${JSON.stringify(last)}`);
}

/** Whether a process printed its key but is not holding yet: it must not print before holding. */
async function notYet(p: EtcdctlProcess, ms = 500): Promise<boolean> {
  const timeout = new Promise<"waiting">((r) => setTimeout(() => r("waiting"), ms));
  return (await Promise.race([p.acquired.then(() => "held"), timeout])) === "waiting";
}

/** Lease ID (decimal string) of a key, read back with the raw client. */
async function leaseOf(key: string): Promise<string> {
  const res = await etcd.kv.range({ key: Buffer.from(key) });
  return res.kvs[0].lease;
}

describe("GET /api/v1/locks with etcdctl lock (Go concurrency Mutex)", () => {
  it("shows the holder and the waiter in queue order; the waiter takes over when the holder is killed", async () => {
    const base = uniquePrefix("lock");
    const name = `${base}job`;
    const a = etcdctl(["lock", "--ttl=3", name]);
    const keyA = await a.acquired;
    const b = etcdctl(["lock", "--ttl=3", name]);
    // b queues: its key exists, but it doesn't print until it holds.
    await waitForLock(base, (l) => l.waiters.length === 1);
    expect(await notYet(b)).toBe(true);

    const lock = await waitForLock(base, (l) => l.waiters.length === 1);
    expect(lock).toMatchObject({
      name,
      prefix: `${name}/`,
      kind: "mutex",
      library: "go-concurrency",
    });
    expect(lock.holder.key).toBe(keyA);
    expect(lock.holder.value).toBe("");
    // Lease hex as etcdctl prints it (padded) and the key's suffix (Go's %x, unpadded) agree.
    expect(BigInt(`0x${lock.holder.lease}`).toString(16)).toBe(keyA.slice(name.length + 1));
    expect(lock.holder.lease).toMatch(/^[0-9a-f]{16}$/);
    expect(BigInt(`0x${lock.holder.lease}`).toString()).toBe(await leaseOf(keyA));
    expect(lock.holder.ttl).toBeGreaterThanOrEqual(1);
    expect(lock.holder.ttl).toBeLessThanOrEqual(3);
    expect(lock.holder.heldSince).toBe(lock.holder.createRevision);
    expect(lock.holder.heldSinceExact).toBe(true);
    const waiterKey = lock.waiters[0].key;
    expect(BigInt(lock.waiters[0].createRevision)).toBeGreaterThan(
      BigInt(lock.holder.createRevision),
    );

    await a.stop("SIGKILL"); // no release: the lease must expire (TTL 3 s)
    expect(await b.acquired).toBe(waiterKey);
    const after = await waitForLock(base, (l) => l.holder.key === waiterKey);
    expect(after.waiters).toEqual([]);
    // It holds since A's key went (the lease expiry), not since it queued.
    expect(BigInt(after.holder.heldSince)).toBeGreaterThan(BigInt(after.holder.createRevision));
    expect(after.holder.heldSinceExact).toBe(true);
    const gone = await etcd.kv.range({ key: Buffer.from(keyA), revision: after.holder.heldSince });
    expect(gone.kvs, "A's key is gone at heldSince").toEqual([]);
    const before = (BigInt(after.holder.heldSince) - 1n).toString();
    const still = await etcd.kv.range({ key: Buffer.from(keyA), revision: before });
    expect(still.kvs, "and still there one revision before").toHaveLength(1);

    // A restarted holder queues behind the new one.
    const a2 = etcdctl(["lock", "--ttl=3", name]);
    const queued = await waitForLock(base, (l) => l.waiters.length === 1);
    expect(queued.holder.key).toBe(waiterKey);
    expect(await notYet(a2)).toBe(true);
  }, 30_000);

  it("orders three waiters by create revision", async () => {
    const base = uniquePrefix("lock3");
    const name = `${base}q`;
    const holder = etcdctl(["lock", "--ttl=5", name]);
    await holder.acquired;
    const keys: string[] = [];
    for (let i = 0; i < 3; i++) {
      etcdctl(["lock", "--ttl=5", name]);
      const l = await waitForLock(base, (x) => x.waiters.length === i + 1);
      keys.push(l.waiters[i].key);
    }
    const lock = await waitForLock(base, (l) => l.waiters.length === 3);
    expect(lock.waiters.map((w) => w.key)).toEqual(keys);
    const revs = lock.waiters.map((w) => BigInt(w.createRevision));
    expect([...revs].sort((x, y) => (x < y ? -1 : 1))).toEqual(revs);
  }, 30_000);
});

describe("GET /api/v1/locks with etcdctl elect (Go concurrency Election)", () => {
  it("shows the leader's proposal and the candidate; the candidate leads when the leader is killed", async () => {
    const base = uniquePrefix("elect");
    const name = `${base}leader`;
    const a = etcdctl(["elect", name, "proposal-a"]);
    const keyA = await a.acquired;
    etcdctl(["elect", name, "proposal-b"]);
    const el = await waitForLock(base, (l) => l.waiters.length === 1);
    expect(el).toMatchObject({
      name,
      prefix: `${name}/`,
      kind: "election",
      library: "go-concurrency",
    });
    expect(el.holder).toMatchObject({ key: keyA, value: "proposal-a", valueEncoding: "utf8" });
    expect(el.waiters[0].value).toBe("proposal-b");

    // etcdctl elect has no --ttl (its session lease lives 60 s); SIGTERM ends the process the way
    // an orchestrator stops it, and etcdctl closes its session on the way out.
    await a.stop("SIGTERM");
    const next = await waitForLock(base, (l) => l.holder.value === "proposal-b");
    expect(next.waiters).toEqual([]);
    expect(BigInt(next.holder.heldSince)).toBeGreaterThan(BigInt(next.holder.createRevision));

    // The old leader comes back as a candidate behind the new one.
    etcdctl(["elect", name, "proposal-a"]);
    const again = await waitForLock(base, (l) => l.waiters.length === 1);
    expect(again.holder.value).toBe("proposal-b");
    expect(again.waiters[0].value).toBe("proposal-a");
  }, 30_000);
});

describe("GET /api/v1/locks with the etcd3 npm client", () => {
  it("recognises an Election (election/<name>/<lease in decimal>) and follows a resignation", async () => {
    const base = uniquePrefix("npm-elect");
    const election = etcd.namespace(base).election("jobs", 5);
    const first = election.campaign("node-1");
    await new Promise((r) => first.once("elected", r));
    const second = election.campaign("node-2");
    try {
      const el = await waitForLock(base, (l) => l.waiters.length === 1);
      expect(el).toMatchObject({
        name: "jobs",
        prefix: `${base}election/jobs/`,
        kind: "election",
        library: "etcd3-npm",
      });
      expect(el.holder.value).toBe("node-1");
      const lease = await etcd.kv.range({ key: Buffer.from(el.holder.key) });
      expect(el.holder.key).toBe(`${base}election/jobs/${lease.kvs[0].lease}`);
      expect(el.waiters[0].value).toBe("node-2");

      const elected = new Promise((r) => second.once("elected", r));
      await first.resign();
      await elected;
      const next = await waitForLock(base, (l) => l.holder.value === "node-2");
      expect(next.waiters).toEqual([]);
    } finally {
      await first.resign().catch(() => {});
      await second.resign().catch(() => {});
    }
  });

  it("recognises a Lock (one key on a lease, no queue); a release removes it", async () => {
    const base = uniquePrefix("npm-lock");
    const lock = await etcd.namespace(base).lock("resource").ttl(10).acquire();
    try {
      const l = await waitForLock(base, () => true);
      expect(l).toMatchObject({
        name: `${base}resource`,
        prefix: `${base}resource`,
        kind: "lock",
        library: "etcd3-npm",
        waiters: [],
      });
      expect(l.holder.lease).toBe(
        BigInt((await lock.leaseId())!)
          .toString(16)
          .padStart(16, "0"),
      );
      expect(l.holder.heldSince).toBe(l.holder.createRevision);
    } finally {
      await lock.release();
    }
    expect((await listLocks(base)).locks).toEqual([]);
  });
});

describe("GET /api/v1/locks: other layouts and input", () => {
  it("recognises python-etcd3's /locks/<name> with a 16-byte value on a lease", async () => {
    const name = uniquePrefix("py").slice(1, -1);
    const lease = etcd.lease(10);
    const id = await lease.grant();
    const value = randomBytes(16);
    try {
      await etcd.put(`/locks/${name}`).value(value).lease(id).exec();
      const res = await listLocks(`/locks/${name}`);
      expect(res.locks).toHaveLength(1);
      expect(res.locks[0]).toMatchObject({ name, kind: "lock", library: "python-etcd3" });
      expect(
        Buffer.from(
          res.locks[0].holder.value,
          res.locks[0].holder.valueEncoding === "base64" ? "base64" : "utf8",
        ),
      ).toEqual(value);
    } finally {
      await lease.revoke();
    }
  });

  it("ignores keys without a lease and leased keys of no known layout", async () => {
    const base = uniquePrefix("nolock");
    const lease = etcd.lease(10);
    const id = await lease.grant();
    try {
      await etcd
        .put(`${base}plain/${BigInt(id).toString(16)}`)
        .value("")
        .exec(); // no lease
      await etcd.put(`${base}service/a`).value("10.0.0.1:80").lease(id).exec(); // value, lease
      const res = await listLocks(base);
      expect(res.locks).toEqual([]);
      expect(res.truncated).toBe(false);
    } finally {
      await lease.revoke();
      await etcd.delete().prefix(base);
    }
  });

  it("answers 400 naming prefix for malformed base64", async () => {
    const res = await call(locks.GET, "GET", "/api/v1/locks?prefix=%25%25&prefixEncoding=base64");
    expect(res.status).toBe(400);
    expect(res.body.error.details.field).toBe("prefix");
  });
});
