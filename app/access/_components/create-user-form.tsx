"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import { Input } from "@/components/ui/input";
import { useAccessMutation } from "@/lib/query/use-access-mutation";

/**
 * Create an etcd user (`POST /api/v1/auth/users`). The password field is cleared after every
 * attempt, so it never lingers in the page.
 */
export function CreateUserForm() {
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const mutation = useAccessMutation();
  function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    mutation.mutate(
      { method: "POST", path: "/auth/users", body: { name, password } },
      {
        onSuccess: () => setName(""),
        onError: (err) => setError(`Create failed: ${err.message}`),
        onSettled: () => setPassword(""),
      },
    );
  }
  return (
    <form aria-label="Create user" onSubmit={submit} className="flex flex-wrap items-end gap-2">
      <label className="text-sm">
        User name
        <Input value={name} onChange={(e) => setName(e.target.value)} className="mt-1 block" />
      </label>
      <label className="text-sm">
        Password
        <Input
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          className="mt-1 block"
        />
      </label>
      <Button type="submit" variant="primary" disabled={mutation.isPending || !name || !password}>
        Create user
      </Button>
      <InlineError message={error} />
    </form>
  );
}
