import type { KvDto } from "@/lib/contract";
import { SEPARATOR } from "@/lib/format/key-path";

/** One jump-to-key suggestion: a key to open, or a folder to type on into. */
export type KeySuggestion = {
  kind: "key" | "folder";
  /** The key, or the folder's prefix (ending in the separator), as text. */
  text: string;
  /** `base64` for a binary key (opened as is, never typed into the box). */
  encoding: "utf8" | "base64";
};

/** Most suggestions shown at once. */
export const MAX_SUGGESTIONS = 8;

/**
 * Suggestions for what was typed, from the keys under it in key order (a keys-only prefix
 * listing): a key one level below what was typed is offered as itself, a deeper one as the
 * folder it lies in (`/config/ap` + `/config/apps/a/b` → `/config/apps/`), once each. A binary
 * key (base64) is offered whole. At most {@link MAX_SUGGESTIONS}.
 * @param typed  the text in the box (the listing's prefix)
 * @param kvs    the listing, in key order
 */
export function keySuggestions(typed: string, kvs: readonly KvDto[]): KeySuggestion[] {
  const out: KeySuggestion[] = [];
  const seen = new Set<string>();
  // The folder being typed in: everything up to and including the last separator.
  const base = typed.slice(0, typed.lastIndexOf(SEPARATOR) + 1);
  for (const kv of kvs) {
    if (out.length >= MAX_SUGGESTIONS) break;
    let s: KeySuggestion;
    if (kv.keyEncoding !== "utf8") {
      s = { kind: "key", text: kv.key, encoding: "base64" };
    } else {
      const cut = kv.key.indexOf(SEPARATOR, base.length);
      s =
        cut >= 0 && cut >= typed.length && cut < kv.key.length - 1
          ? { kind: "folder", text: kv.key.slice(0, cut + 1), encoding: "utf8" }
          : { kind: "key", text: kv.key, encoding: "utf8" };
    }
    const id = `${s.kind}:${s.encoding}:${s.text}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(s);
  }
  return out;
}
