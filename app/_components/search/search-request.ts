import type { SearchMode } from "@/lib/contract";
import { apiUrl } from "@/lib/query/fetcher";

/** What the search form asks for. */
export type SearchForm = {
  q: string;
  mode: SearchMode;
  /** "Search values too": `in=values` (reads values; a key matches on its key or its value). */
  values: boolean;
  /** Only keys under this prefix (UTF-8); "" for the whole keyspace. */
  prefix: string;
  caseSensitive: boolean;
};

/**
 * The `GET /api/v1/search` URL for a form (defaults left out). `limit` is the gateway's default
 * (1,000 matches), after which the answer says `truncated`. `revision` (a decimal int64 string,
 * the explorer's past view) searches the keyspace as of that revision; null: the live keyspace.
 */
export function searchUrl(form: SearchForm, revision: string | null = null): string {
  return apiUrl("/search", {
    q: form.q,
    prefix: form.prefix || undefined,
    mode: form.mode === "substring" ? undefined : form.mode,
    in: form.values ? "values" : undefined,
    caseSensitive: form.caseSensitive ? 1 : undefined,
    revision: revision ?? undefined,
  });
}
