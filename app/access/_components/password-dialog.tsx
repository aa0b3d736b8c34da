"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";
import { Input } from "@/components/ui/input";
import { authPath, useAccessMutation } from "@/lib/query/use-access-mutation";

/**
 * Set a user's password (`PUT /api/v1/auth/users/{name}/password`), typed twice.
 * @prop user     the user's name
 * @prop onClose  closes the dialog (also after success)
 */
export function PasswordDialog({ user, onClose }: { user: string; onClose: () => void }) {
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const [error, setError] = useState<string | null>(null);
  const mutation = useAccessMutation();
  async function submit(e?: FormEvent) {
    e?.preventDefault();
    if (password !== again) return setError("The passwords differ.");
    try {
      await mutation.mutateAsync({
        method: "PUT",
        path: authPath("users", user, "password"),
        body: { password },
      });
      onClose();
    } catch (err) {
      setError((err as Error).message);
    }
  }
  return (
    <Dialog label={`Change password of ${user}`} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className="flex flex-col gap-2 text-sm">
        <label>
          New password
          <Input
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            className="mt-1 block w-full"
          />
        </label>
        <label>
          Repeat it
          <Input
            type="password"
            autoComplete="new-password"
            value={again}
            onChange={(e) => setAgain(e.target.value)}
            className="mt-1 block w-full"
          />
        </label>
      </form>
      <DialogFooter error={error} onCancel={onClose}>
        <Button
          variant="primary"
          disabled={mutation.isPending || !password}
          onClick={() => void submit()}
        >
          Set password
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
