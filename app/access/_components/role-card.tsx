"use client";

import { useState } from "react";
import { useReadOnly } from "@/components/read-only";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import type { AuthRole, PermissionRange } from "@/lib/contract";
import { displayKey } from "@/lib/format/display-key";
import { authPath, useAccessMutation } from "@/lib/query/use-access-mutation";
import { GrantPermissionForm } from "./grant-permission-form";

/** "prefix /app/", "key /a", "range [/a, /m)" — a permission's keys as etcdctl would name them. */
function describe(p: PermissionRange): string {
  const key = displayKey(p.key, p.keyEncoding);
  if (p.prefix) return p.key === "" ? "every key" : `prefix ${key}`;
  if (p.rangeEnd === null) return `key ${key}`;
  if (p.rangeEnd === "AA==" && p.rangeEndEncoding === "base64") return `every key from ${key}`;
  return `range [${key}, ${displayKey(p.rangeEnd, p.rangeEndEncoding)})`;
}

/**
 * One role: its permissions (each with a revoke button outside read-only mode), a form to grant
 * another, and "Delete role".
 * @prop role      the role and its permissions
 * @prop onDelete  opens the delete confirmation
 */
export function RoleCard({ role, onDelete }: { role: AuthRole; onDelete: () => void }) {
  const readOnly = useReadOnly();
  const mutation = useAccessMutation();
  const [error, setError] = useState<string | null>(null);
  function revoke(p: PermissionRange) {
    setError(null);
    const range = p.prefix
      ? { prefix: true }
      : p.rangeEnd === null
        ? {}
        : { rangeEnd: p.rangeEnd, rangeEndEncoding: p.rangeEndEncoding };
    mutation.mutate(
      {
        method: "DELETE",
        path: authPath("roles", role.name, "permissions"),
        body: { key: p.key, keyEncoding: p.keyEncoding, ...range },
      },
      { onError: (e) => setError(e.message) },
    );
  }
  return (
    <article aria-label={`Role ${role.name}`} className="rounded-md border border-slate-200 p-3">
      <div className="flex items-center justify-between">
        <h3 className="font-mono text-sm font-semibold">{role.name}</h3>
        {readOnly ? null : (
          <Button size="sm" variant="ghost" onClick={onDelete}>
            Delete role
          </Button>
        )}
      </div>
      <ul aria-label={`Permissions of ${role.name}`} className="mt-1 text-sm">
        {role.permissions.map((p) => (
          <li key={`${p.key}|${p.rangeEnd}`} className="flex items-center gap-2 py-0.5">
            <span className="w-20 text-xs text-slate-500 uppercase">{p.access}</span>
            <span className="font-mono">{describe(p)}</span>
            {readOnly ? null : (
              <Button size="sm" variant="ghost" onClick={() => revoke(p)}>
                Revoke
              </Button>
            )}
          </li>
        ))}
        {role.permissions.length === 0 ? (
          <li className="text-slate-400">
            {role.name === "root" ? "everything (built in)" : "no permissions"}
          </li>
        ) : null}
      </ul>
      <InlineError message={error} />
      {readOnly ? null : <GrantPermissionForm role={role.name} />}
    </article>
  );
}
