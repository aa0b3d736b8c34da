import "server-only";
import type { IPermission } from "etcd3";
import type { PermissionRange, PermissionsResponse } from "@/lib/contract";
import { encodeBytes } from "@/lib/format/bytes";
import { rangeAsPrefix } from "./bytes";
import { getEtcd, type EtcdClients } from "./client";

/** How long (ms) one lookup of the user's permissions is reused: roles rarely change. */
export const PERMISSIONS_TTL_MS = 30_000;

const ACCESS = { Read: "read", Write: "write", Readwrite: "readwrite" } as const;

/** One lookup per client set (tests and restarts swap the clients; the cache goes with them). */
const cache = new WeakMap<EtcdClients, { at: number; value: Promise<PermissionsResponse> }>();

/**
 * What the etcd user the gateway connects as may touch: Auth.UserGet on its own name → its
 * roles, then Auth.RoleGet on each → their key ranges. etcd lets any user read its own user and
 * its own roles, so this needs no root. Cached for {@link PERMISSIONS_TTL_MS} (a failed lookup
 * is not cached). Without auth configured it answers `auth: false` and asks etcd nothing.
 * @throws what the etcd calls throw (e.g. 503 when etcd is down; mapped by the route wrapper).
 */
export function readOwnPermissions(): Promise<PermissionsResponse> {
  const clients = getEtcd();
  const hit = cache.get(clients);
  if (hit && Date.now() - hit.at < PERMISSIONS_TTL_MS) return hit.value;
  const value = lookUp(clients);
  cache.set(clients, { at: Date.now(), value });
  value.catch(() => cache.get(clients)?.value === value && cache.delete(clients));
  return value;
}

async function lookUp({ read, config }: EtcdClients): Promise<PermissionsResponse> {
  const user = config.auth?.username;
  if (user === undefined) {
    return {
      header: { revision: "0" },
      auth: false,
      user: null,
      root: false,
      roles: [],
      ranges: [],
    };
  }
  const { roles, header } = await read.auth.userGet({ name: user });
  const root = roles.includes("root");
  const granted = await Promise.all(
    roles
      .filter((r) => r !== "root")
      .map(async (role) => (await read.auth.roleGet({ role })).perm.map((p) => toRange(role, p))),
  );
  const ranges = granted.flat().sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { header: { revision: header.revision }, auth: true, user, root, roles, ranges };
}

/** One etcd Permission of `role` as a {@link PermissionRange} (prefix ranges recognised). */
export function toRange(role: string, p: IPermission): PermissionRange {
  const key = Buffer.from(p.key ?? []);
  const end = p.range_end && p.range_end.length ? Buffer.from(p.range_end) : null;
  const prefix = end === null ? null : rangeAsPrefix(key, end);
  const k = encodeBytes(prefix ?? key);
  const e = end ? encodeBytes(end) : null;
  return {
    access: ACCESS[p.permType] ?? "read",
    key: k.text,
    keyEncoding: k.encoding,
    rangeEnd: e?.text ?? null,
    rangeEndEncoding: e?.encoding ?? "utf8",
    prefix: prefix !== null,
    role,
  };
}

/**
 * The readable ranges of `perms` as raw bytes (`rangeEnd` null: one key), for server code that
 * reasons about them (the restricted tree).
 */
export function readableRanges(
  perms: PermissionsResponse,
): { key: Buffer; rangeEnd: Buffer | null; prefix: boolean }[] {
  return perms.ranges
    .filter((r) => r.access !== "write")
    .map((r) => ({
      key: Buffer.from(r.key, r.keyEncoding === "base64" ? "base64" : "utf8"),
      rangeEnd:
        r.rangeEnd === null
          ? null
          : Buffer.from(r.rangeEnd, r.rangeEndEncoding === "base64" ? "base64" : "utf8"),
      prefix: r.prefix,
    }));
}
