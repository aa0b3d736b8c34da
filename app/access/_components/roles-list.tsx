"use client";

import { useState, type FormEvent } from "react";
import { useReadOnly } from "@/components/read-only";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import { Input } from "@/components/ui/input";
import type { AuthRole } from "@/lib/contract";
import { authPath, useAccessMutation } from "@/lib/query/use-access-mutation";
import { ConfirmDialog } from "./confirm-dialog";
import { RoleCard } from "./role-card";

/**
 * Every role with its permissions; outside read-only mode a create form and, per role, the
 * permission editor and delete (confirmed).
 * @prop roles  the roles as listed (root appears only if it was created explicitly)
 */
export function RolesList({ roles }: { roles: AuthRole[] }) {
  const readOnly = useReadOnly();
  const [deleting, setDeleting] = useState<string | null>(null);
  return (
    <section aria-label="Roles">
      <h2 className="mb-2 text-base font-semibold">Roles</h2>
      {readOnly ? null : <CreateRoleForm />}
      <div className="mt-3 flex flex-col gap-3">
        {roles.map((r) => (
          <RoleCard key={r.name} role={r} onDelete={() => setDeleting(r.name)} />
        ))}
      </div>
      {roles.length === 0 ? <p className="mt-2 text-sm text-slate-500">No roles.</p> : null}
      {deleting && !readOnly ? (
        <ConfirmDialog
          label="Delete role"
          change={{ method: "DELETE", path: authPath("roles", deleting) }}
          onClose={() => setDeleting(null)}
        >
          Delete role <span className="font-mono">{deleting}</span>? etcd revokes it from every user
          that has it.
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

/** Create a role without permissions (`POST /api/v1/auth/roles`). */
function CreateRoleForm() {
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const mutation = useAccessMutation();
  function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    mutation.mutate(
      { method: "POST", path: "/auth/roles", body: { name } },
      { onSuccess: () => setName(""), onError: (err) => setError(`Create failed: ${err.message}`) },
    );
  }
  return (
    <form aria-label="Create role" onSubmit={submit} className="flex flex-wrap items-end gap-2">
      <label className="text-sm">
        Role name
        <Input value={name} onChange={(e) => setName(e.target.value)} className="mt-1 block" />
      </label>
      <Button type="submit" variant="primary" disabled={mutation.isPending || !name}>
        Create role
      </Button>
      <InlineError message={error} />
    </form>
  );
}
