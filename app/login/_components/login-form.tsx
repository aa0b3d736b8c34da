"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

/** What a refused sign-in tells the user: wrong token, too many tries (and how long to wait). */
function signInError(res: Response): string {
  if (res.status === 401) return "Wrong token.";
  if (res.status === 429) {
    const wait = Number(res.headers.get("retry-after"));
    return `Too many wrong tokens. Try again in ${wait > 0 ? `${wait} s` : "a minute"}.`;
  }
  return `Sign-in failed (HTTP ${res.status}).`;
}

/**
 * The sign-in form: posts the token to `POST /api/v1/session`, which sets an HttpOnly session
 * cookie, then goes to `next`.
 * @prop next  path on this origin to open after signing in (validated by the page)
 */
export function LoginForm({ next }: { next: string }) {
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await fetch("/api/v1/session", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token }),
      });
      if (res.ok) {
        window.location.assign(next);
        return;
      }
      setError(signInError(res));
    } catch {
      setError("The etcd Explorer server could not be reached.");
    }
    setBusy(false);
  }

  return (
    <form
      onSubmit={submit}
      className="flex w-96 flex-col gap-3 rounded-md border border-slate-200 bg-white p-6"
    >
      <h1 className="text-lg font-semibold">Sign in</h1>
      <p className="text-sm text-slate-600">
        This gateway needs its access token (<code>ETCD_EXPLORER_TOKEN</code>).
      </p>
      <label className="flex flex-col gap-1 text-sm">
        Access token
        <Input
          compact
          type="password"
          autoComplete="current-password"
          required
          value={token}
          onChange={(e) => setToken(e.target.value)}
          className="py-1 font-mono"
        />
      </label>
      {error ? (
        <p role="alert" className="text-sm text-rose-700">
          {error}
        </p>
      ) : null}
      <Button type="submit" variant="primary" disabled={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
