"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

const REVISION = /^\d{1,19}$/;

/**
 * The "What changed" view's from/to pickers: two revisions (`to` empty means now). Refuses,
 * next to the fields, what is not a revision or a `to` below `from`; the gateway refuses a
 * compacted `from` (the view then offers the compact revision).
 * @prop from     the current `from` (decimal)
 * @prop to       the current `to`, null for now
 * @prop onApply  show the changes between these revisions
 */
export function ChangesRangeForm({
  from,
  to,
  onApply,
}: {
  from: string;
  to: string | null;
  onApply: (from: string, to: string | null) => void;
}) {
  const [fromText, setFrom] = useState(from);
  const [toText, setTo] = useState(to ?? "");
  const [error, setError] = useState<string | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    const f = fromText.trim();
    const t = toText.trim();
    if (!REVISION.test(f)) return setError("From: enter a revision (a whole number).");
    if (t !== "" && !REVISION.test(t))
      return setError("To: enter a revision, or leave it empty for now.");
    if (t !== "" && BigInt(t) < BigInt(f)) return setError("To must not be below From.");
    setError(null);
    onApply(BigInt(f).toString(), t === "" ? null : BigInt(t).toString());
  }

  return (
    <form onSubmit={submit} aria-label="Revisions to compare" className="flex flex-col gap-1">
      <div className="flex flex-wrap items-end gap-2 text-xs">
        <label className="flex flex-col gap-0.5">
          From revision
          <Input
            compact
            value={fromText}
            onChange={(e) => setFrom(e.target.value)}
            className="w-32 font-mono"
          />
        </label>
        <label className="flex flex-col gap-0.5">
          To revision (empty: now)
          <Input
            compact
            value={toText}
            onChange={(e) => setTo(e.target.value)}
            className="w-32 font-mono"
          />
        </label>
        <Button size="sm" type="submit">
          Compare
        </Button>
      </div>
      {error ? (
        <p role="alert" className="text-xs text-rose-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}
