"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import { MAX_TTL_SECONDS } from "@/lib/contract";
import { useGrantLeaseMutation } from "@/lib/query/use-grant-lease-mutation";
import { Input } from "@/components/ui/input";

/** Grant a new lease: a TTL input (whole seconds) and a button (`POST /api/v1/leases`). */
export function GrantLeaseForm() {
  const [ttl, setTtl] = useState("60");
  const [error, setError] = useState<string | null>(null);
  const [granted, setGranted] = useState<string | null>(null);
  const grant = useGrantLeaseMutation();

  function submit(e: FormEvent) {
    e.preventDefault();
    const seconds = Number(ttl);
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_TTL_SECONDS) {
      setError("TTL must be a whole number of seconds, at least 1.");
      return;
    }
    setError(null);
    grant.mutate(seconds, {
      onSuccess: (res) => setGranted(res.id),
      onError: (err) => setError(`Grant failed: ${err.message}`),
    });
  }

  return (
    <form aria-label="Grant lease" onSubmit={submit} className="flex flex-col items-end gap-1">
      <div className="flex items-end gap-2">
        <label className="text-sm">
          TTL in seconds
          <Input
            inputMode="numeric"
            value={ttl}
            onChange={(e) => setTtl(e.target.value)}
            className="mt-1 block w-32"
          />
        </label>
        <Button type="submit" variant="primary" disabled={grant.isPending}>
          {grant.isPending ? "Granting…" : "Grant lease"}
        </Button>
      </div>
      <InlineError message={error} />
      {granted ? (
        <p role="status" className="text-xs text-slate-600">
          Granted lease <span className="font-mono">{granted}</span>
        </p>
      ) : null}
    </form>
  );
}
