"use client";

import { History } from "lucide-react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

/**
 * "View at revision": a small form in the tree's toolbar that puts the explorer into its
 * read-only past view (`?revision=R`). Refuses, next to the field, what is not a revision
 * (decimal, ≥ 1) or lies beyond the current revision `now` when that is known; a compacted
 * revision is reported by the banner once the reads answer 410.
 * @prop current   the revision shown now (null: live)
 * @prop now       the store's current revision as the watch stream last heard it (null: unknown)
 * @prop onPick    go to this revision (decimal string)
 */
export function RevisionPicker({
  current,
  now,
  onPick,
}: {
  current: string | null;
  now: string | null;
  onPick: (revision: string) => void;
}) {
  const [text, setText] = useState(current ?? "");
  const [error, setError] = useState<string | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    const t = text.trim();
    if (!/^\d{1,19}$/.test(t) || BigInt(t) < 1n) {
      setError("Enter a revision: a whole number from 1.");
      return;
    }
    if (now !== null && BigInt(t) > BigInt(now)) {
      setError(`Revision ${t} is in the future (now ${now}).`);
      return;
    }
    setError(null);
    onPick(BigInt(t).toString());
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-1" aria-label="View at revision">
      <div className="flex items-center gap-1.5">
        <History aria-hidden size={14} className="shrink-0 text-slate-500" />
        <label htmlFor="as-of-revision" className="text-xs text-slate-600">
          View at revision
        </label>
        <Input
          id="as-of-revision"
          compact
          inputMode="numeric"
          value={text}
          placeholder={now ?? "revision"}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={error !== null || undefined}
          aria-describedby={error ? "as-of-revision-error" : undefined}
          className="w-28 font-mono text-xs"
        />
        <Button size="sm" type="submit">
          Go
        </Button>
      </div>
      {error ? (
        <p id="as-of-revision-error" role="alert" className="text-xs text-rose-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}
