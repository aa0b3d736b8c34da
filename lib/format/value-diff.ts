import { diffLines } from "diff";
import type { Encoding } from "@/lib/contract";
import { base64ToBytes, bytesToUtf8 } from "@/lib/format/bytes";
import { displayKey } from "@/lib/format/display-key";
import { notTextReason } from "@/lib/format/value-text";

/** One line of a line diff: added (`+`), removed (`-`) or unchanged (` `). */
export type DiffLine = { op: "+" | "-" | " "; text: string };

/** Values larger than this (either side, in characters) are not diffed. */
export const DIFF_MAX_CHARS = 200_000;

// Past this many edits the diff gives up (a rewrite, not an edit), so the UI never stalls.
const MAX_EDIT_LENGTH = 2_000;

/**
 * A value as diffable text: UTF-8 text as is; binary (base64) values that are valid UTF-8 as
 * that text, others as escaped bytes (`\xNN`, one line).
 */
export function diffableText(value: string, encoding: Encoding): string {
  if (encoding === "utf8") return value;
  const bytes = base64ToBytes(value);
  const utf8 = bytes ? bytesToUtf8(bytes) : null;
  return utf8 ?? displayKey(value, "base64");
}

/**
 * The line diff from `before` to `after` (via the `diff` package), as lines to render as text.
 * @returns null when either side is too large or the change is too big to diff quickly.
 */
export function lineDiff(before: string, after: string): DiffLine[] | null {
  if (before.length > DIFF_MAX_CHARS || after.length > DIFF_MAX_CHARS) return null;
  const changes = diffLines(before, after, { maxEditLength: MAX_EDIT_LENGTH });
  if (!changes) return null;
  const out: DiffLine[] = [];
  for (const c of changes) {
    const op = c.added ? "+" : c.removed ? "-" : " ";
    const lines = c.value.split("\n");
    // A trailing newline ends the last line; it doesn't start an empty one.
    if (lines.length > 1 && lines.at(-1) === "") lines.pop();
    for (const text of lines) out.push({ op, text });
  }
  return out;
}

/**
 * What differs between two values' bytes, for the conflict dialog:
 * - `lines`: both are text (see notTextReason): the line diff from `before` to `after`;
 * - `binary`: either is not text: only the sizes, in bytes;
 * - `too-large`: text, but too large or too different to diff quickly (see {@link lineDiff}).
 */
export type ValueDiff =
  | { kind: "lines"; lines: DiffLine[] }
  | { kind: "binary"; beforeBytes: number; afterBytes: number }
  | { kind: "too-large" };

/**
 * Compare two stored values byte for byte.
 * @param before  e.g. the other writer's value (lines marked `-`)
 * @param after   e.g. the user's draft (lines marked `+`)
 */
export function valueDiff(before: Uint8Array, after: Uint8Array): ValueDiff {
  if (notTextReason(before) || notTextReason(after)) {
    return { kind: "binary", beforeBytes: before.length, afterBytes: after.length };
  }
  const lines = lineDiff(bytesToUtf8(before) ?? "", bytesToUtf8(after) ?? "");
  return lines ? { kind: "lines", lines } : { kind: "too-large" };
}
