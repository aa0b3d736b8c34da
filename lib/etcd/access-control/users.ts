import "server-only";
import type { AuthUser, DeletedResponse, UserResponse, UsersResponse } from "@/lib/contract";
import { getEtcd } from "../client";
import { authCall } from "./auth-errors";
import { assertNotGatewayLockout } from "./lockout";

/** How many Auth.UserGet calls a listing runs at once. */
const CONCURRENCY = 8;

/**
 * Every etcd user with its roles: Auth.UserList, then Auth.UserGet per user (bounded
 * concurrency; 3.4's UserList returns names only). Sorted by name. Needs root when auth is on
 * (else 403 `etcd_permission_denied`). Passwords are never read (etcd returns none).
 */
export async function listUsers(): Promise<UsersResponse> {
  const { read } = getEtcd();
  const list = await read.auth.userList({});
  const names = [...list.users].sort();
  const users: (AuthUser | null)[] = new Array(names.length).fill(null);
  let next = 0;
  let revision = list.header.revision;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, names.length) }, async () => {
      while (next < names.length) {
        const name = names[next++];
        // A user deleted between the list and its get is left out.
        const got = await read.auth.userGet({ name }).catch((e: Error) => {
          if (e.message.includes("user name not found")) return null;
          throw e;
        });
        if (!got) continue;
        users[names.indexOf(name)] = { name, roles: [...got.roles].sort() };
        if (BigInt(got.header.revision) > BigInt(revision)) revision = got.header.revision;
      }
    }),
  );
  return { header: { revision }, users: users.filter((u): u is AuthUser => u !== null) };
}

/** One user and its roles (Auth.UserGet). 404 `user_not_found`. */
export async function getUser(name: string): Promise<UserResponse> {
  const r = await authCall({ user: name }, () => getEtcd().read.auth.userGet({ name }));
  return { header: { revision: r.header.revision }, user: { name, roles: [...r.roles].sort() } };
}

/** Create a user (Auth.UserAdd) → the new user, no roles. 409 `conflict` when it exists. */
export async function addUser(name: string, password: string): Promise<UserResponse> {
  await authCall({ user: name }, () => getEtcd().write.auth.userAdd({ name, password }));
  return getUser(name);
}

/**
 * Delete a user (Auth.UserDelete). 404 `user_not_found`; 409 `auth_lockout` for the gateway's
 * own user or root while auth is on (see lockout.ts).
 */
export async function deleteUser(name: string): Promise<DeletedResponse> {
  await assertNotGatewayLockout({ action: "delete", user: name });
  const r = await authCall({ user: name }, () => getEtcd().write.auth.userDelete({ name }));
  return { header: { revision: r.header.revision }, deleted: name };
}

/**
 * Set a user's password (Auth.UserChangePassword; etcd bcrypts it). 404 `user_not_found`; 409
 * `auth_lockout` for the gateway's own user while auth is on (its configured password would
 * stop working at the next token renewal).
 */
export async function changePassword(name: string, password: string): Promise<UserResponse> {
  await assertNotGatewayLockout({ action: "password", user: name });
  await authCall({ user: name }, () => getEtcd().write.auth.userChangePassword({ name, password }));
  return getUser(name);
}

/** Grant `role` to `user` (Auth.UserGrantRole). 404 `user_not_found` / `role_not_found`. */
export async function grantRole(user: string, role: string): Promise<UserResponse> {
  await authCall({ user, role }, () => getEtcd().write.auth.userGrantRole({ user, role }));
  return getUser(user);
}

/**
 * Revoke `role` from `user` (Auth.UserRevokeRole). 404 `user_not_found`, `permission_not_found`
 * (not granted); 409 `auth_lockout` for role root of root or of the gateway's own user while
 * auth is on.
 */
export async function revokeRole(user: string, role: string): Promise<UserResponse> {
  await assertNotGatewayLockout({ action: "revoke", user, role });
  await authCall({ user, role }, () => getEtcd().write.auth.userRevokeRole({ name: user, role }));
  return getUser(user);
}
