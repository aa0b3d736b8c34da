"use client";

import { useState } from "react";
import { useReadOnly } from "@/components/read-only";
import type { AuthUser } from "@/lib/contract";
import { authPath } from "@/lib/query/use-access-mutation";
import { ConfirmDialog } from "./confirm-dialog";
import { CreateUserForm } from "./create-user-form";
import { PasswordDialog } from "./password-dialog";
import { UserRow } from "./user-row";

/**
 * Every etcd user with its roles; outside read-only mode also the create form and, per user,
 * grant/revoke role, change password and delete (confirmed).
 * @prop users      the users as listed
 * @prop roleNames  the roles that can be granted (root is always offered)
 */
export function UsersTable({ users, roleNames }: { users: AuthUser[]; roleNames: string[] }) {
  const readOnly = useReadOnly();
  const [deleting, setDeleting] = useState<string | null>(null);
  const [password, setPassword] = useState<string | null>(null);
  const grantable = [...new Set(["root", ...roleNames])].sort();
  return (
    <section aria-label="Users" className="mb-6">
      <h2 className="mb-2 text-base font-semibold">Users</h2>
      {readOnly ? null : <CreateUserForm />}
      <table aria-label="Users" className="mt-3 w-full border-collapse text-sm">
        <thead>
          <tr className="border-b border-slate-300 text-left text-xs text-slate-500">
            <th scope="col" className="py-1 pr-3 font-medium">
              User
            </th>
            <th scope="col" className="py-1 pr-3 font-medium">
              Roles
            </th>
            <th scope="col" className="py-1 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <UserRow
              key={u.name}
              user={u}
              grantable={grantable}
              onDelete={() => setDeleting(u.name)}
              onPassword={() => setPassword(u.name)}
            />
          ))}
        </tbody>
      </table>
      {users.length === 0 ? <p className="mt-2 text-sm text-slate-500">No users.</p> : null}
      {deleting && !readOnly ? (
        <ConfirmDialog
          label="Delete user"
          change={{ method: "DELETE", path: authPath("users", deleting) }}
          onClose={() => setDeleting(null)}
        >
          Delete user <span className="font-mono">{deleting}</span>? Clients logging in as it will
          be refused.
        </ConfirmDialog>
      ) : null}
      {password && !readOnly ? (
        <PasswordDialog user={password} onClose={() => setPassword(null)} />
      ) : null}
    </section>
  );
}
