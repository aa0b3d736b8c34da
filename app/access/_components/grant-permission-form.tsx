"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import { Input, Select } from "@/components/ui/input";
import { authPath, useAccessMutation } from "@/lib/query/use-access-mutation";

type Kind = "prefix" | "key" | "range";

/**
 * Grant a role read, write or readwrite on a prefix, one key or a range `[key, range end)`
 * (`PUT /api/v1/auth/roles/{name}/permissions`; keys as UTF-8 text).
 * @prop role  the role's name
 */
export function GrantPermissionForm({ role }: { role: string }) {
  const [kind, setKind] = useState<Kind>("prefix");
  const [key, setKey] = useState("");
  const [rangeEnd, setRangeEnd] = useState("");
  const [permType, setPermType] = useState("read");
  const [error, setError] = useState<string | null>(null);
  const mutation = useAccessMutation();
  function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const range = kind === "prefix" ? { prefix: true } : kind === "range" ? { rangeEnd } : {};
    mutation.mutate(
      {
        method: "PUT",
        path: authPath("roles", role, "permissions"),
        body: { key, permType, ...range },
      },
      {
        onSuccess: () => {
          setKey("");
          setRangeEnd("");
        },
        onError: (err) => setError(`Grant failed: ${err.message}`),
      },
    );
  }
  return (
    <form
      aria-label={`Grant permission to ${role}`}
      onSubmit={submit}
      className="mt-2 flex flex-wrap items-end gap-2 text-sm"
    >
      <Select
        compact
        aria-label="Access"
        value={permType}
        onChange={(e) => setPermType(e.target.value)}
      >
        <option value="read">read</option>
        <option value="write">write</option>
        <option value="readwrite">readwrite</option>
      </Select>
      <Select
        compact
        aria-label="Applies to"
        value={kind}
        onChange={(e) => setKind(e.target.value as Kind)}
      >
        <option value="prefix">prefix</option>
        <option value="key">one key</option>
        <option value="range">range</option>
      </Select>
      <Input
        compact
        aria-label={kind === "prefix" ? "Prefix" : "Key"}
        placeholder={kind === "prefix" ? "/app/ (empty: every key)" : "/key"}
        value={key}
        onChange={(e) => setKey(e.target.value)}
      />
      {kind === "range" ? (
        <Input
          compact
          aria-label="Range end (exclusive)"
          placeholder="range end"
          value={rangeEnd}
          onChange={(e) => setRangeEnd(e.target.value)}
        />
      ) : null}
      <Button size="sm" type="submit" disabled={mutation.isPending}>
        Grant
      </Button>
      <InlineError message={error} />
    </form>
  );
}
