"use client";

import { X } from "lucide-react";
import { useState } from "react";
import { useReadOnly } from "@/components/read-only";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import { Select } from "@/components/ui/input";
import type { AuthUser } from "@/lib/contract";
import { authPath, useAccessMutation } from "@/lib/query/use-access-mutation";

/**
 * One user: name, roles (each with a revoke button), and outside read-only mode a role picker
 * to grant, "Password" and "Delete".
 * @prop user        the user and its roles
 * @prop grantable   role names offered for granting
 * @prop onDelete    opens the delete confirmation
 * @prop onPassword  opens the password dialog
 */
export function UserRow({
  user,
  grantable,
  onDelete,
  onPassword,
}: {
  user: AuthUser;
  grantable: string[];
  onDelete: () => void;
  onPassword: () => void;
}) {
  const readOnly = useReadOnly();
  const mutation = useAccessMutation();
  const [error, setError] = useState<string | null>(null);
  const offered = grantable.filter((r) => !user.roles.includes(r));
  const [role, setRole] = useState("");
  const pick = offered.includes(role) ? role : (offered[0] ?? "");
  function change(method: "PUT" | "DELETE", r: string) {
    setError(null);
    mutation.mutate(
      { method, path: authPath("users", user.name, "roles", r) },
      { onError: (e) => setError(e.message) },
    );
  }
  return (
    <tr aria-label={`User ${user.name}`} className="border-b border-slate-100 align-top">
      <td className="py-1.5 pr-3 font-mono">{user.name}</td>
      <td className="py-1.5 pr-3">
        <ul aria-label={`Roles of ${user.name}`} className="flex flex-wrap gap-1">
          {user.roles.map((r) => (
            <li key={r} className="inline-flex items-center gap-1 rounded bg-slate-100 px-1.5">
              <span className="font-mono">{r}</span>
              {readOnly ? null : (
                <button
                  type="button"
                  aria-label={`Revoke role ${r} from ${user.name}`}
                  onClick={() => change("DELETE", r)}
                  className="rounded text-slate-500 hover:bg-slate-200"
                >
                  <X aria-hidden size={12} />
                </button>
              )}
            </li>
          ))}
          {user.roles.length === 0 ? <li className="text-slate-400">none</li> : null}
        </ul>
        <InlineError message={error} />
      </td>
      <td className="py-1.5 whitespace-nowrap">
        {readOnly ? null : (
          <div className="flex items-center gap-1">
            {offered.length ? (
              <>
                <Select
                  compact
                  aria-label={`Role to grant to ${user.name}`}
                  value={pick}
                  onChange={(e) => setRole(e.target.value)}
                >
                  {offered.map((r) => (
                    <option key={r}>{r}</option>
                  ))}
                </Select>
                <Button size="sm" disabled={mutation.isPending} onClick={() => change("PUT", pick)}>
                  Grant role
                </Button>
              </>
            ) : null}
            <Button size="sm" onClick={onPassword}>
              Password
            </Button>
            <Button size="sm" variant="ghost" onClick={onDelete}>
              Delete
            </Button>
          </div>
        )}
      </td>
    </tr>
  );
}
