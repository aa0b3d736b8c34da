"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { InlineError } from "@/components/ui/inline-error";
import { leaseIdSchema, MAX_TTL_SECONDS } from "@/lib/contract";
import { validateValue } from "@/lib/format/detect-format";
import type { KeyRef } from "@/lib/format/key-path";
import { isApiError } from "@/lib/query/api-error";
import { usePutKvMutation } from "@/lib/query/use-put-kv-mutation";
import { Input, Textarea } from "@/components/ui/input";

const field = "mt-1 block w-full";

/**
 * Create a key: `PUT /api/v1/kv` with `expectedModRevision: "0"` (create only; 409 means it
 * exists) and, when a TTL is given, `ttl` in seconds (the gateway grants a new lease), or
 * `lease`: an existing lease's hex ID to attach (404 `lease_not_found` when it is gone).
 * Values of keys ending in .json/.yaml/.yml are validated first.
 * @prop initialKey  prefilled key (usually the selected folder's prefix)
 * @prop onCreated   called with the new key
 */
export function CreateKeyDialog({
  initialKey,
  onClose,
  onCreated,
}: {
  initialKey: string;
  onClose: () => void;
  onCreated: (ref: KeyRef) => void;
}) {
  const [key, setKey] = useState(initialKey);
  const [value, setValue] = useState("");
  const [ttl, setTtl] = useState("");
  const [lease, setLease] = useState("");
  const [error, setError] = useState<string | null>(null);
  const put = usePutKvMutation();

  function submit(e: FormEvent) {
    e.preventDefault();
    const ttlSeconds = ttl.trim() === "" ? undefined : Number(ttl);
    const leaseId = lease.trim() === "" ? undefined : lease.trim().toLowerCase();
    const problem = !key
      ? "The key must not be empty."
      : ttlSeconds !== undefined &&
          (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MAX_TTL_SECONDS)
        ? "TTL must be a whole number of seconds, at least 1."
        : leaseId !== undefined &&
            (ttlSeconds !== undefined || !leaseIdSchema.safeParse(leaseId).success)
          ? "Give a lease ID in hex (as etcdctl prints it), or a TTL, not both."
          : /\.json$/i.test(key)
            ? validateValue(value, "json")
            : /\.ya?ml$/i.test(key)
              ? validateValue(value, "yaml")
              : null;
    setError(problem);
    if (problem) return;
    put.mutate(
      { key, value, ttl: ttlSeconds, lease: leaseId, expectedModRevision: "0" },
      {
        onSuccess: (res) => onCreated({ key: res.kv.key, keyEncoding: res.kv.keyEncoding }),
        onError: (err) =>
          setError(
            isApiError(err, "lease_not_found")
              ? "No such lease (it may have expired or been revoked)."
              : isApiError(err, "conflict")
                ? "A key with this name already exists. Open it from the tree to edit it."
                : `Create failed: ${err.message}`,
          ),
      },
    );
  }

  return (
    <Dialog label="Create key" onClose={onClose}>
      <form onSubmit={submit} className="flex flex-col gap-3 text-sm">
        <label>
          Key
          <Input className={field} value={key} onChange={(e) => setKey(e.target.value)} autoFocus />
        </label>
        <label>
          Value
          <Textarea
            className={`${field} h-40`}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            spellCheck={false}
          />
        </label>
        <label>
          TTL in seconds
          <Input
            aria-describedby="create-ttl-hint"
            className={field}
            inputMode="numeric"
            value={ttl}
            onChange={(e) => setTtl(e.target.value)}
            placeholder="no TTL"
          />
          <span id="create-ttl-hint" className="mt-1 block text-xs text-slate-500">
            Optional. A new lease of this many seconds is granted; etcd deletes the key when it
            expires.
          </span>
        </label>
        <label>
          Existing lease ID
          <Input
            className={field}
            value={lease}
            onChange={(e) => setLease(e.target.value)}
            placeholder="none (hex, e.g. 694d7a1b2c3d4e5f)"
          />
        </label>
        <InlineError message={error} />
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={put.isPending}>
            {put.isPending ? "Creating…" : "Create"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
