"use client";

import { useState } from "react";
import { useReadOnly } from "@/components/read-only";
import { Button } from "@/components/ui/button";
import { useAuthStatusQuery } from "@/lib/query/use-access-queries";
import { authPath } from "@/lib/query/use-access-mutation";
import { ConfirmDialog } from "./confirm-dialog";

/**
 * Whether etcd auth is on, whom the gateway connects as, and (not in read-only mode) a button to
 * switch auth on or off after a confirmation that says what happens. Enabling is refused by
 * the gateway unless user root exists with role root and the gateway's own user has role root.
 */
export function AuthSwitch() {
  const readOnly = useReadOnly();
  const status = useAuthStatusQuery();
  const [confirming, setConfirming] = useState(false);
  const s = status.data;
  if (!s) return null;
  const action = s.enabled ? "Disable auth" : "Enable auth";
  return (
    <div className="mb-4 flex flex-wrap items-center gap-3 rounded-md border border-slate-200 p-3 text-sm">
      <p role="status">
        Auth is <strong>{s.enabled ? "enabled" : "disabled"}</strong>. The gateway connects as{" "}
        {s.gatewayUser ? <span className="font-mono">{s.gatewayUser}</span> : "no etcd user"}.
      </p>
      {readOnly ? null : (
        <Button size="sm" onClick={() => setConfirming(true)}>
          {action}
        </Button>
      )}
      {confirming && !readOnly ? (
        <ConfirmDialog
          label={action}
          change={{ method: "POST", path: authPath(s.enabled ? "disable" : "enable") }}
          onClose={() => setConfirming(false)}
        >
          {s.enabled ? (
            <p>
              etcd will stop checking users: every client may read and write every key, and every
              token is dropped.
            </p>
          ) : (
            <p>
              etcd will refuse every client without a valid user and password. The gateway first
              checks that user <span className="font-mono">root</span> exists with role root and
              that the user it connects as has role root, so it can still manage users and switch
              auth off again.
            </p>
          )}
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
