import "server-only";
import type { IPermission } from "etcd3";
import type {
  AuthRole,
  DeletedResponse,
  PermissionBody,
  RoleResponse,
  RolesResponse,
} from "@/lib/contract";
import { invalidField } from "@/lib/errors/gateway-error";
import { decodeBytes } from "@/lib/format/bytes";
import { prefixEnd } from "../bytes";
import { getEtcd } from "../client";
import { toRange } from "../permissions";
import { authCall } from "./auth-errors";

const PERM_TYPE = { read: "Read", write: "Write", readwrite: "Readwrite" } as const;

/**
 * Every role with its permissions: Auth.RoleList, then Auth.RoleGet per role, sorted by name.
 * Role `root` is built in and listed only if someone created it with RoleAdd; it needs no
 * permissions (etcd grants it everything). Needs root
 * when auth is on (else 403 `etcd_permission_denied`).
 */
export async function listRoles(): Promise<RolesResponse> {
  const { read } = getEtcd();
  const list = await read.auth.roleList({});
  const roles = await Promise.all(
    [...list.roles].sort().map((name) =>
      read.auth
        .roleGet({ role: name })
        .then((r): AuthRole => ({ name, permissions: r.perm.map((p) => toRange(name, p)) }))
        .catch((e: Error) => {
          if (e.message.includes("role name not found")) return null; // deleted meanwhile
          throw e;
        }),
    ),
  );
  return {
    header: { revision: list.header.revision },
    roles: roles.filter((r): r is AuthRole => r !== null),
  };
}

/** One role and its permissions (Auth.RoleGet). 404 `role_not_found`. */
export async function getRole(name: string): Promise<RoleResponse> {
  const r = await authCall({ role: name }, () => getEtcd().read.auth.roleGet({ role: name }));
  return {
    header: { revision: r.header.revision },
    role: { name, permissions: r.perm.map((p) => toRange(name, p)) },
  };
}

/** Create a role without permissions (Auth.RoleAdd). 409 `conflict` when it exists. */
export async function addRole(name: string): Promise<RoleResponse> {
  await authCall({ role: name }, () => getEtcd().write.auth.roleAdd({ name }));
  return getRole(name);
}

/**
 * Delete a role (Auth.RoleDelete; etcd also revokes it from every user). 404 `role_not_found`;
 * 409 `auth_lockout` for role root while auth is on (etcd's "invalid auth management").
 */
export async function deleteRole(name: string): Promise<DeletedResponse> {
  const r = await authCall({ role: name }, () => getEtcd().write.auth.roleDelete({ role: name }));
  return { header: { revision: r.header.revision }, deleted: name };
}

/**
 * Grant `role` a permission (Auth.RoleGrantPermission): on one key, a prefix or a range, see
 * {@link permissionBodySchema}. Granting the same range again replaces its type. 404
 * `role_not_found`; 400 naming `permType` when it is missing, `key` when it is empty for a
 * single key.
 */
export async function grantPermission(role: string, body: PermissionBody): Promise<RoleResponse> {
  if (!body.permType) throw invalidField("permType", "is required to grant a permission");
  const perm: IPermission = { permType: PERM_TYPE[body.permType], ...rangeOf(body) };
  await authCall({ role }, () => getEtcd().write.auth.roleGrantPermission({ name: role, perm }));
  return getRole(role);
}

/**
 * Revoke the permission on exactly this key, prefix or range from `role`
 * (Auth.RoleRevokePermission; `permType` is ignored). 404 `role_not_found`, 404
 * `permission_not_found` when the role has no permission on exactly that range.
 */
export async function revokePermission(role: string, body: PermissionBody): Promise<RoleResponse> {
  const { key, range_end } = rangeOf(body);
  await authCall({ role }, () =>
    getEtcd().write.auth.roleRevokePermission({ role, key, range_end }),
  );
  return getRole(role);
}

/**
 * The etcd key/range_end of a permission body. The whole keyspace (prefix "") is key "\0",
 * range_end "\0"; a single key has an empty range_end.
 */
function rangeOf(body: PermissionBody): { key: Buffer; range_end: Buffer } {
  const key = bytes("key", body.key, body.keyEncoding);
  if (body.prefix) {
    if (key.length === 0) return { key: Buffer.from([0]), range_end: Buffer.from([0]) };
    return { key, range_end: prefixEnd(key) };
  }
  if (key.length === 0) throw invalidField("key", "must not be empty (use prefix for all keys)");
  if (body.rangeEnd === undefined) return { key, range_end: Buffer.alloc(0) };
  const end = bytes("rangeEnd", body.rangeEnd, body.rangeEndEncoding);
  const fromKey = end.length === 1 && end[0] === 0;
  if (!fromKey && Buffer.compare(end, key) <= 0) {
    throw invalidField("rangeEnd", "must sort after key (or be \\u0000 for every key from key on)");
  }
  return { key, range_end: end };
}

function bytes(field: string, text: string, encoding: "utf8" | "base64"): Buffer {
  const b = decodeBytes(text, encoding);
  if (!b) throw invalidField(field, `is not valid ${encoding === "base64" ? "base64" : "text"}`);
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}
