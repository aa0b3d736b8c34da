import type { ValueFormat } from "@/lib/format/detect-format";

/** An unsaved edit: the text, the modRevision it is based on, and the validation format. */
export type Draft = { text: string; base: string; format: ValueFormat };

// Per-tab memory of unsaved edits, keyed by `<keyEncoding>:<key>`, so clicking another key in
// the middle of an edit never throws the user's text away; coming back restores it.
const drafts = new Map<string, Draft>();

/** The unsaved draft of a key, if any. */
export function getDraft(id: string): Draft | undefined {
  return drafts.get(id);
}

/** Remember (or, with undefined, forget) the unsaved draft of a key. */
export function setDraft(id: string, draft: Draft | undefined): void {
  if (draft) drafts.set(id, draft);
  else drafts.delete(id);
}

/** Whether any key has unsaved changes (to warn before the tab closes). */
export function hasDrafts(): boolean {
  return drafts.size > 0;
}
