import { useSyncExternalStore } from "react";
import type { KvDto } from "@/lib/contract";
import type { ValueFormat } from "@/lib/format/detect-format";

/**
 * An unsaved edit: the text (base64 when `format` is `binary`), the modRevision it is based on
 * (`"0"` once the key is known to be deleted: saving then creates it), the validation format,
 * and the key as it was last read, so the editor can come back even after the key is gone.
 */
export type Draft = { text: string; base: string; format: ValueFormat; kv: KvDto };

// Per-tab memory of unsaved edits, keyed by `<keyEncoding>:<key>`, so clicking another key in
// the middle of an edit — or the key being deleted underneath — never throws the user's text
// away; coming back restores it.
const drafts = new Map<string, Draft>();
const listeners = new Set<() => void>();

/** The id drafts are kept under: `<keyEncoding>:<key>`. */
export function draftId(ref: { key: string; keyEncoding: string }): string {
  return `${ref.keyEncoding}:${ref.key}`;
}

/** The unsaved draft of a key, if any. */
export function getDraft(id: string): Draft | undefined {
  return drafts.get(id);
}

/** Remember (or, with undefined, forget) the unsaved draft of a key. */
export function setDraft(id: string, draft: Draft | undefined): void {
  if (draft) drafts.set(id, draft);
  else drafts.delete(id);
  for (const l of listeners) l();
}

/** Whether any key has unsaved changes (to warn before the tab closes). */
export function hasDrafts(): boolean {
  return drafts.size > 0;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Whether the key `id` has an unsaved draft, as React state: re-renders only when a draft
 * appears or goes (not on every keystroke).
 */
export function useHasDraft(id: string): boolean {
  return useSyncExternalStore(
    subscribe,
    () => drafts.has(id),
    () => false,
  );
}
