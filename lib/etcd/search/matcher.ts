import "server-only";
import { RE2JS } from "re2js";
import type { SearchExcerpt, SearchMode } from "@/lib/contract";
import { invalidField } from "@/lib/errors/gateway-error";
import { globToRegex } from "./glob";

/** Where a pattern matched in a text: UTF-16 index and length. */
export type MatchAt = { index: number; length: number };

/**
 * Tests a text (a key or value decoded as UTF-8, invalid bytes as U+FFFD) against the user's
 * pattern: `find` says whether and where it matches, `test` only whether (faster).
 */
export type Matcher = { test: (text: string) => boolean; find: (text: string) => MatchAt | null };

/**
 * Compile `q` as `mode` says (docs/search.md):
 * - `substring`: the text contains `q`; without `caseSensitive`, compared after `toLowerCase()`
 *   on both sides;
 * - `regex`: RE2 syntax via re2js (linear time in the text's length whatever the pattern, so a
 *   pattern like `(a+)+$` cannot hang the gateway); unanchored; case-insensitive by RE2's
 *   Unicode case folding unless `caseSensitive`;
 * - `glob`: see globToRegex, anchored to the whole key, compiled like a regex (DOTALL).
 * @throws GatewayError 400 naming `q` for a pattern RE2 refuses (with its reason).
 */
export function compileMatcher(q: string, mode: SearchMode, caseSensitive: boolean): Matcher {
  if (mode === "substring") return substringMatcher(q, caseSensitive);
  const source = mode === "glob" ? globToRegex(q) : q;
  let flags = caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE;
  if (mode === "glob") flags |= RE2JS.DOTALL;
  let re: RE2JS;
  try {
    re = RE2JS.compile(source, flags);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw invalidField(
      "q",
      `is not a valid ${mode === "glob" ? "glob" : "RE2 regular expression"}: ${why}`,
    );
  }
  return {
    test: (text) => re.test(text),
    find: (text) => {
      const m = re.exec(text);
      return m ? { index: (m as unknown as { index: number }).index, length: m[0].length } : null;
    },
  };
}

function substringMatcher(q: string, caseSensitive: boolean): Matcher {
  const needle = caseSensitive ? q : q.toLowerCase();
  const find = (text: string): MatchAt | null => {
    const index = (caseSensitive ? text : text.toLowerCase()).indexOf(needle);
    return index < 0 ? null : { index, length: q.length };
  };
  return { test: (text) => find(text) !== null, find };
}

/** Characters of context on each side of a match, and of the match itself, in an excerpt. */
const EXCERPT_CONTEXT = 40;
const EXCERPT_MATCH = 80;

/** The short excerpt of `text` around `at` (never splitting a surrogate pair). */
export function excerptOf(text: string, at: MatchAt): SearchExcerpt {
  const start = at.index;
  const end = Math.min(text.length, start + at.length);
  const matchEnd = Math.min(end, start + EXCERPT_MATCH);
  return {
    before: text.slice(safeStart(text, start - EXCERPT_CONTEXT), start),
    match: text.slice(start, safeEnd(text, matchEnd)),
    after: text.slice(end, safeEnd(text, end + EXCERPT_CONTEXT)),
  };
}

function safeStart(text: string, i: number): number {
  if (i <= 0) return 0;
  const c = text.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff ? i + 1 : i;
}

function safeEnd(text: string, i: number): number {
  if (i >= text.length) return text.length;
  const c = text.charCodeAt(i - 1);
  return c >= 0xd800 && c <= 0xdbff ? i - 1 : i;
}
