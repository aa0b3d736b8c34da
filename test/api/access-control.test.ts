import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Etcd3 } from "etcd3";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as disable from "@/app/api/v1/auth/disable/route";
import * as enable from "@/app/api/v1/auth/enable/route";
import * as rolePerms from "@/app/api/v1/auth/roles/[name]/permissions/route";
import * as role from "@/app/api/v1/auth/roles/[name]/route";
import * as roles from "@/app/api/v1/auth/roles/route";
import * as status from "@/app/api/v1/auth/status/route";
import * as password from "@/app/api/v1/auth/users/[name]/password/route";
import * as userRole from "@/app/api/v1/auth/users/[name]/roles/[role]/route";
import * as user from "@/app/api/v1/auth/users/[name]/route";
import * as users from "@/app/api/v1/auth/users/route";
import * as kv from "@/app/api/v1/kv/route";
import { rolesResponseSchema, usersResponseSchema } from "@/lib/contract";
import type { EtcdClients } from "@/lib/etcd/client";
import { closeMemberClients } from "@/lib/etcd/members";
import { ETCDCTL_BIN, freePort, startEtcd } from "../../scripts/lib/etcd-process.mjs";
import { q } from "../helpers/api";

// Its own etcd with auth on: user root (role root) and alice (role reader: read on /app/). The
// gateway connects as root unless a test says otherwise.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "etcd-access-"));
const holder = globalThis as { __etcdExplorerClients?: EtcdClients };
const member = { name: "access", clientPort: 0, peerPort: 0 };
let etcd: Awaited<ReturnType<typeof startEtcd>>;
let ctl: (...args: string[]) => string;

type Handler = (req: Request, ctx?: any) => Promise<Response>;
/** Call a route handler with path parameters, as Next does. */
async function api(
  handler: Handler,
  method: string,
  url: string,
  params: Record<string, string> = {},
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { "content-type": "application/json" };
  }
  const res = await handler(new Request(`http://127.0.0.1${url}`, init), {
    params: Promise.resolve(params),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** Point the gateway at this etcd as `username` (none: no credentials). */
function gatewayAs(username?: string, pw?: string) {
  const c = holder.__etcdExplorerClients;
  for (const x of [c?.read, c?.write, c?.watch]) x?.close();
  delete holder.__etcdExplorerClients;
  closeMemberClients();
  process.env.ETCD_ENDPOINTS = etcd.endpoint;
  if (username === undefined) {
    delete process.env.ETCD_USERNAME;
    delete process.env.ETCD_PASSWORD;
  } else {
    process.env.ETCD_USERNAME = username;
    process.env.ETCD_PASSWORD = pw ?? "";
  }
}

/** Whether `name`:`pw` may read `key` (a fresh client, so nothing cached). */
async function canRead(name: string, pw: string, key: string): Promise<boolean | string> {
  const c = new Etcd3({ hosts: etcd.endpoint, auth: { username: name, password: pw } });
  try {
    await c.get(key).string();
    return true;
  } catch (e) {
    return (e as Error).message;
  } finally {
    c.close();
  }
}

const authEnabled = async () => (await api(status.GET, "GET", "/api/v1/auth/status")).body.enabled;

beforeAll(async () => {
  member.clientPort = await freePort();
  member.peerPort = await freePort();
  etcd = await startEtcd({ dataDir: path.join(dir, "data"), member });
  ctl = (...args: string[]) =>
    execFileSync(ETCDCTL_BIN, ["--endpoints", etcd.endpoint, "--user", "root:rootpw", ...args], {
      encoding: "utf8",
    });
  const bare = (...args: string[]) =>
    execFileSync(ETCDCTL_BIN, ["--endpoints", etcd.endpoint, ...args], { encoding: "utf8" });
  bare("user", "add", "root:rootpw");
  bare("user", "grant-role", "root", "root");
  bare("role", "add", "reader");
  bare("role", "grant-permission", "reader", "read", "/app/", "--prefix");
  bare("user", "add", "alice:alicepw");
  bare("user", "grant-role", "alice", "reader");
  bare("put", "/app/a", "1");
  bare("put", "/other/b", "2");
  bare("auth", "enable");
  gatewayAs("root", "rootpw");
}, 60_000);

afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.ETCD_EXPLORER_READ_ONLY;
});

afterAll(async () => {
  gatewayAs(undefined);
  delete holder.__etcdExplorerClients;
  await etcd?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("users (gateway as root, auth on)", () => {
  it("create, list, get, change password, grant and revoke a role, delete", async () => {
    const out: string[] = [];
    const real = process.stdout.write.bind(process.stdout);
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: any, ...rest: any[]) => {
      out.push(String(chunk));
      return real(chunk, ...rest);
    });
    const created = await api(
      users.POST,
      "POST",
      "/api/v1/auth/users",
      {},
      {
        name: "bob",
        password: "s3cret-first",
      },
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.user).toEqual({ name: "bob", roles: [] });
    const again = await api(
      users.POST,
      "POST",
      "/api/v1/auth/users",
      {},
      {
        name: "bob",
        password: "x",
      },
    );
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("conflict");

    const list = usersResponseSchema.parse(
      (await api(users.GET, "GET", "/api/v1/auth/users")).body,
    );
    expect(list.users).toEqual([
      { name: "alice", roles: ["reader"] },
      { name: "bob", roles: [] },
      { name: "root", roles: ["root"] },
    ]);

    const grant = await api(userRole.PUT, "PUT", "/api/v1/auth/users/bob/roles/reader", {
      name: "bob",
      role: "reader",
    });
    expect(grant.status, JSON.stringify(grant.body)).toBe(200);
    expect(grant.body.user.roles).toEqual(["reader"]);
    expect(await canRead("bob", "s3cret-first", "/app/a")).toBe(true);

    const pw = await api(
      password.PUT,
      "PUT",
      "/api/v1/auth/users/bob/password",
      { name: "bob" },
      {
        password: "s3cret-second",
      },
    );
    expect(pw.status, JSON.stringify(pw.body)).toBe(200);
    expect(await canRead("bob", "s3cret-second", "/app/a")).toBe(true);
    expect(await canRead("bob", "s3cret-first", "/app/a")).toMatch(/authentication failed/);

    const revoke = await api(userRole.DELETE, "DELETE", "/api/v1/auth/users/bob/roles/reader", {
      name: "bob",
      role: "reader",
    });
    expect(revoke.body.user.roles).toEqual([]);
    expect(await canRead("bob", "s3cret-second", "/app/a")).toMatch(/permission denied/);
    const notGranted = await api(userRole.DELETE, "DELETE", "/x", { name: "bob", role: "reader" });
    expect(notGranted.status).toBe(404);
    expect(notGranted.body.error.code).toBe("permission_not_found");

    const del = await api(user.DELETE, "DELETE", "/api/v1/auth/users/bob", { name: "bob" });
    expect(del.body).toMatchObject({ deleted: "bob" });
    const gone = await api(user.GET, "GET", "/api/v1/auth/users/bob", { name: "bob" });
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe("user_not_found");

    // Every change was audited, and no password ever reached stdout or a response.
    const audits = out.filter((l) => l.includes('"audit":true')).map((l) => JSON.parse(l));
    expect(audits.map((a) => `${a.method} ${a.route} ${a.status}`)).toEqual([
      "POST /api/v1/auth/users 201",
      "POST /api/v1/auth/users 409",
      "PUT /api/v1/auth/users/bob/roles/reader 200",
      "PUT /api/v1/auth/users/bob/password 200",
      "DELETE /api/v1/auth/users/bob/roles/reader 200",
      "DELETE /x 404",
      "DELETE /api/v1/auth/users/bob 200",
    ]);
    expect(out.join("")).not.toMatch(/s3cret/);
    expect(JSON.stringify([created.body, pw.body, list])).not.toMatch(/s3cret|password/);
  });

  it("404s name the missing user or role; bad names and bodies are 400s naming the field", async () => {
    const noRole = await api(userRole.PUT, "PUT", "/x", { name: "alice", role: "nope" });
    expect(noRole.status).toBe(404);
    expect(noRole.body.error).toMatchObject({ code: "role_not_found", details: { role: "nope" } });
    const noUser = await api(userRole.PUT, "PUT", "/x", { name: "nobody", role: "reader" });
    expect(noUser.body.error.code).toBe("user_not_found");
    const empty = await api(
      users.POST,
      "POST",
      "/api/v1/auth/users",
      {},
      { name: "", password: "p" },
    );
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.field).toBe("name");
    const noPw = await api(users.POST, "POST", "/api/v1/auth/users", {}, { name: "carol" });
    expect(noPw.body.error.details.field).toBe("password");
    const ctrl = await api(user.GET, "GET", "/x", { name: "a\u0007b" });
    expect(ctrl.status).toBe(400);
    expect(ctrl.body.error.details.field).toBe("name");
  });
});

describe("roles and permissions", () => {
  it("create a role, grant a prefix, a key and a range, revoke, delete", async () => {
    const made = await api(roles.POST, "POST", "/api/v1/auth/roles", {}, { name: "ops" });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.role).toEqual({ name: "ops", permissions: [] });
    expect((await api(roles.POST, "POST", "/x", {}, { name: "ops" })).status).toBe(409);

    const perm = (body: unknown, method: "PUT" | "DELETE" = "PUT") =>
      api(rolePerms[method], method, "/api/v1/auth/roles/ops/permissions", { name: "ops" }, body);
    expect((await perm({ key: "/other/", prefix: true, permType: "readwrite" })).status).toBe(200);
    expect((await perm({ key: "/one", permType: "read" })).status).toBe(200);
    const ranged = await perm({ key: "/r/a", rangeEnd: "/r/m", permType: "write" });
    // etcd keeps a role's permissions sorted by key.
    expect(ranged.body.role.permissions).toEqual([
      expect.objectContaining({ key: "/one", rangeEnd: null, access: "read", prefix: false }),
      expect.objectContaining({
        key: "/other/",
        prefix: true,
        access: "readwrite",
        rangeEnd: "/other0",
      }),
      expect.objectContaining({ key: "/r/a", rangeEnd: "/r/m", access: "write", prefix: false }),
    ]);

    ctl("user", "add", "dave:davepw");
    ctl("user", "grant-role", "dave", "ops");
    expect(await canRead("dave", "davepw", "/other/b")).toBe(true);
    expect(await canRead("dave", "davepw", "/app/a")).toMatch(/permission denied/);

    const revoked = await perm({ key: "/other/", prefix: true }, "DELETE");
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    expect(revoked.body.role.permissions.map((p: { key: string }) => p.key)).toEqual([
      "/one",
      "/r/a",
    ]);
    expect(await canRead("dave", "davepw", "/other/b")).toMatch(/permission denied/);
    const again = await perm({ key: "/other/", prefix: true }, "DELETE");
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe("permission_not_found");

    const listed = rolesResponseSchema.parse(
      (await api(roles.GET, "GET", "/api/v1/auth/roles")).body,
    );
    // Role root is built in: etcd 3.4 lists it only once it was created with RoleAdd.
    expect(listed.roles.map((r) => r.name)).toEqual(["ops", "reader"]);

    expect((await perm({ key: "/k" })).body.error.details.field).toBe("permType");
    expect((await perm({ key: "", permType: "read" })).body.error.details.field).toBe("key");
    expect(
      (await perm({ key: "/z", rangeEnd: "/a", permType: "read" })).body.error.details.field,
    ).toBe("rangeEnd");
    expect((await perm({ key: "/z", permType: "admin" })).body.error.details.field).toBe(
      "permType",
    );

    const del = await api(role.DELETE, "DELETE", "/api/v1/auth/roles/ops", { name: "ops" });
    expect(del.body).toMatchObject({ deleted: "ops" });
    expect((await api(role.GET, "GET", "/x", { name: "ops" })).body.error.code).toBe(
      "role_not_found",
    );
    ctl("user", "delete", "dave");
  });
});

describe("read-only mode", () => {
  it("refuses every auth write with 403 read_only and changes nothing in etcd", async () => {
    process.env.ETCD_EXPLORER_READ_ONLY = "1";
    const writes: [Handler, string, Record<string, string>, unknown?][] = [
      [users.POST, "POST", {}, { name: "eve", password: "p" }],
      [user.DELETE, "DELETE", { name: "alice" }],
      [password.PUT, "PUT", { name: "alice" }, { password: "p" }],
      [userRole.PUT, "PUT", { name: "alice", role: "root" }],
      [userRole.DELETE, "DELETE", { name: "alice", role: "reader" }],
      [roles.POST, "POST", {}, { name: "eve" }],
      [role.DELETE, "DELETE", { name: "reader" }],
      [rolePerms.PUT, "PUT", { name: "reader" }, { key: "/", prefix: true, permType: "readwrite" }],
      [rolePerms.DELETE, "DELETE", { name: "reader" }, { key: "/app/", prefix: true }],
      [enable.POST, "POST", {}],
      [disable.POST, "POST", {}],
    ];
    for (const [h, method, params, body] of writes) {
      const res = await api(h, method, "/api/v1/auth/x", params, body);
      expect(res.status, `${method} ${JSON.stringify(params)}`).toBe(403);
      expect(res.body.error.code).toBe("read_only");
    }
    expect(ctl("user", "list")).toBe("alice\nroot\n");
    expect(ctl("user", "get", "alice")).toContain("reader");
    expect(ctl("role", "get", "reader")).toContain("[/app/, /app0) (prefix /app/)");
    expect(await authEnabled()).toBe(true);
    // Reads still work.
    expect((await api(users.GET, "GET", "/api/v1/auth/users")).status).toBe(200);
  });
});

describe("a non-root gateway user", () => {
  it("may not list users: 403 etcd_permission_denied", async () => {
    gatewayAs("alice", "alicepw");
    try {
      const res = await api(users.GET, "GET", "/api/v1/auth/users");
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("etcd_permission_denied");
    } finally {
      gatewayAs("root", "rootpw");
    }
  });
});

describe("enable/disable and the lock-out check", () => {
  it("refuses to delete, re-password or un-root the gateway's own user while auth is on", async () => {
    const del = await api(user.DELETE, "DELETE", "/x", { name: "root" });
    expect(del.status).toBe(409);
    expect(del.body.error.code).toBe("auth_lockout");
    const pw = await api(password.PUT, "PUT", "/x", { name: "root" }, { password: "new" });
    expect(pw.body.error.code).toBe("auth_lockout");
    const un = await api(userRole.DELETE, "DELETE", "/x", { name: "root", role: "root" });
    expect(un.body.error.code).toBe("auth_lockout");
    expect(await canRead("root", "rootpw", "/app/a")).toBe(true);
  });

  it("disable keeps the gateway (configured with a user) working", async () => {
    const res = await api(disable.POST, "POST", "/api/v1/auth/disable");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ enabled: false, gatewayUser: "root" });
    expect(await authEnabled()).toBe(false);
    const read = await api(kv.GET, "GET", `/api/v1/kv?key=${q("/other/b")}`);
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect(await canRead("nobody", "x", "/other/b")).toMatch(/not enabled/);
  });

  it("refuses to enable when the gateway would be locked out, and says why", async () => {
    const tryEnable = () => api(enable.POST, "POST", "/api/v1/auth/enable");

    gatewayAs(undefined);
    let res = await tryEnable();
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("auth_lockout");
    expect(res.body.error.message).toMatch(/without an etcd user/);

    gatewayAs("alice", "alicepw");
    res = await tryEnable();
    expect(res.body.error.message).toMatch(/"alice", which lacks role root/);

    gatewayAs("ghost", "pw");
    res = await tryEnable();
    expect(res.body.error.message).toMatch(/"ghost", which does not exist/);

    gatewayAs("root", "rootpw");
    ctl("user", "revoke-role", "root", "root");
    res = await tryEnable();
    expect(res.body.error.message).toMatch(/"root" does not have role root/);
    ctl("user", "grant-role", "root", "root");
    expect(await authEnabled(), "nothing was switched on").toBe(false);
  });

  it("enables when root exists and the gateway is root; the gateway still reads", async () => {
    gatewayAs("root", "rootpw");
    const res = await api(enable.POST, "POST", "/api/v1/auth/enable");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ enabled: true, gatewayUser: "root" });
    expect(await canRead("nobody", "x", "/other/b")).toMatch(/authentication failed/);
    const read = await api(kv.GET, "GET", `/api/v1/kv?key=${q("/other/b")}`);
    expect(read.status, JSON.stringify(read.body)).toBe(200);
  });

  it("a wrong configured password is reported right after enabling (503 saying how to undo)", async () => {
    await api(disable.POST, "POST", "/api/v1/auth/disable");
    gatewayAs("root", "wrong");
    const res = await api(enable.POST, "POST", "/api/v1/auth/enable");
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(/refuses the gateway's password for "root"/);
    ctl("auth", "disable");
    gatewayAs("root", "rootpw");
    expect((await api(enable.POST, "POST", "/api/v1/auth/enable")).status).toBe(200);
  });
});
