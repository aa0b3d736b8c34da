"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";

const REVISION = /^[1-9]\d{0,18}$/;

/**
 * The "from revision" field: replays the watch from a past revision (history fills the log; a
 * compacted start shows a gap marker).
 * @prop onReplay  called with the revision (a positive int64 decimal string)
 */
export function ReplayForm({ onReplay }: { onReplay: (fromRevision: string) => void }) {
  const [text, setText] = useState("");
  const value = text.trim();
  const valid = REVISION.test(value);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (valid) onReplay(value);
  }

  return (
    <form aria-label="Replay history" onSubmit={submit} className="flex items-center gap-1">
      <label className="flex items-center gap-1 text-slate-600">
        From revision
        <input
          type="text"
          inputMode="numeric"
          placeholder="e.g. 120"
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={value !== "" && !valid}
          className="w-24 rounded border border-slate-300 px-2 py-0.5 aria-invalid:border-rose-500"
        />
      </label>
      <Button size="sm" type="submit" disabled={!valid}>
        Replay
      </Button>
    </form>
  );
}
