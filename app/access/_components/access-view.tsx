"use client";

import { InlineError } from "@/components/ui/inline-error";
import { useRolesQuery, useUsersQuery } from "@/lib/query/use-access-queries";
import { AuthSwitch } from "./auth-switch";
import { RolesList } from "./roles-list";
import { UsersTable } from "./users-table";

/**
 * The "Users & roles" page: the auth switch, every etcd user with its roles, and every role with
 * its permissions. Passwords are only ever typed, never shown. In read-only mode, lists only.
 */
export function AccessView() {
  const users = useUsersQuery();
  const roles = useRolesQuery();
  const roleNames = roles.data?.roles.map((r) => r.name) ?? [];
  return (
    <div className="h-full overflow-auto p-4">
      <h1 className="text-lg font-semibold">Users &amp; roles</h1>
      <p className="mb-3 text-sm text-slate-500">
        etcd&apos;s own users and roles (etcd auth). Role root may do everything; other roles grant
        read, write or readwrite on keys, prefixes or ranges. Every change is audit-logged.
      </p>
      <AuthSwitch />
      {users.isError ? (
        <InlineError message={`Could not list users: ${users.error.message}`} />
      ) : null}
      {users.data ? <UsersTable users={users.data.users} roleNames={roleNames} /> : null}
      {roles.isError ? (
        <InlineError message={`Could not list roles: ${roles.error.message}`} />
      ) : null}
      {roles.data ? <RolesList roles={roles.data.roles} /> : null}
    </div>
  );
}
