import { INT64_MAX } from "@/lib/contract";

/** A replay start the user typed, checked: the revision (canonical decimal) or why not. */
export type ReplayStartCheck =
  | { ok: true; revision: string }
  | { ok: false; reason: "format" | "int64" | "future"; message: string };

/**
 * Check the "Replay from revision" input before any request: a positive decimal revision that
 * fits in an int64 and is not beyond the current store revision (current + 1 is allowed: that is
 * "from now"). `currentRevision` is the latest store revision this tab knows (the watch stream's
 * `ready` / `heartbeat` / `change`, the header's health poll); null skips that check (the gateway
 * then refuses a future start with 400 naming the current revision).
 * @param text            what the user typed (surrounding spaces ignored)
 * @param currentRevision decimal int64 string, or null when unknown
 */
export function checkReplayStart(text: string, currentRevision: string | null): ReplayStartCheck {
  const value = text.trim();
  if (!/^\d+$/.test(value) || /^0+$/.test(value)) {
    return { ok: false, reason: "format", message: "Enter a revision: a whole number from 1." };
  }
  const revision = BigInt(value);
  if (revision > INT64_MAX) {
    return {
      ok: false,
      reason: "int64",
      message: `Revision ${value} is beyond the largest etcd revision (${INT64_MAX}).`,
    };
  }
  if (currentRevision !== null && revision > BigInt(currentRevision) + BigInt(1)) {
    return {
      ok: false,
      reason: "future",
      message: `Revision ${revision} is in the future: the current revision is ${currentRevision}.`,
    };
  }
  return { ok: true, revision: revision.toString() };
}
