"use client";

import { useId, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { checkReplayStart } from "@/lib/live/replay-start";
import { Input } from "@/components/ui/input";

/**
 * The "from revision" field: replays the watch from a past revision (history fills the log; a
 * compacted start shows a gap marker). A malformed revision, one beyond int64, or one beyond the
 * current revision is refused inline before any request (a revision above the one this tab knows
 * is first re-checked against a fresh one); a replay the gateway refuses shows its message
 * inline too, and the stream has then gone back to live.
 * @prop currentRevision  the latest store revision this tab knows (decimal int64; null: unknown)
 * @prop freshRevision    reads the current store revision now (`GET /api/v1/health`); null when
 *                        that fails
 * @prop onReplay         starts the replay from a revision (a positive int64 decimal string);
 *                        resolves with the refusal message, or null once it is accepted
 */
export function ReplayForm({
  currentRevision,
  freshRevision,
  onReplay,
}: {
  currentRevision: string | null;
  freshRevision: () => Promise<string | null>;
  onReplay: (fromRevision: string) => Promise<string | null>;
}) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Only the latest submit may show its outcome.
  const attempt = useRef(0);
  const errorId = useId();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const mine = ++attempt.current;
    let check = checkReplayStart(text, currentRevision);
    if (!check.ok && check.reason === "future") {
      // What this tab knows may be a few seconds old: ask etcd before refusing.
      setBusy(true);
      const fresh = await freshRevision();
      if (mine !== attempt.current) return;
      if (fresh !== null) check = checkReplayStart(text, fresh);
    }
    if (!check.ok) {
      setBusy(false);
      setError(check.message);
      return;
    }
    setError(null);
    setBusy(true);
    const refused = await onReplay(check.revision);
    if (mine !== attempt.current) return;
    setBusy(false);
    setError(refused === null ? null : `Replay refused: ${refused}. Back to the live stream.`);
  }

  return (
    <form
      aria-label="Replay history"
      onSubmit={(e) => void submit(e)}
      className="flex items-center gap-1"
    >
      <label className="flex items-center gap-1 text-slate-600">
        From revision
        <Input
          compact
          type="text"
          inputMode="numeric"
          placeholder="e.g. 120"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setError(null);
          }}
          aria-invalid={error !== null}
          aria-describedby={error !== null ? errorId : undefined}
          className="w-24 aria-invalid:border-rose-500"
        />
      </label>
      <Button size="sm" type="submit" disabled={text.trim() === ""}>
        {busy ? "Replaying…" : "Replay"}
      </Button>
      {error !== null ? (
        <span id={errorId} role="alert" className="text-rose-700">
          {error}
        </span>
      ) : null}
    </form>
  );
}
