"use client";

import { X } from "lucide-react";
import { useMemo, useRef, useState, type FormEvent, type RefObject } from "react";
import { ScanProgress } from "@/components/scan-progress";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import type { SearchDoneEvent, SearchMatchEvent, SearchMode } from "@/lib/contract";
import type { KeyRef } from "@/lib/format/key-path";
import { useScan } from "@/lib/live/use-scan";
import { SearchResults } from "./search-results";
import { downloadMatches, formatCount, groupByFolder } from "./search-results-model";
import { useAsOfRevision } from "@/lib/query/time-travel/as-of";
import { searchUrl, type SearchForm } from "./search-request";

/**
 * The search panel (above the selected key): a pattern, its mode (substring, regex, glob),
 * "search values too", an optional prefix and case; runs `GET /api/v1/search` as a stream and
 * shows matches as they arrive, grouped by folder, with a progress bar ("Scanned 412,000 of
 * 1,000,000 keys"), Cancel (closes the request: the gateway stops reading etcd) and an NDJSON
 * export. Results stay while the panel is open.
 * @prop inputRef  the pattern field (Ctrl/Cmd-K focuses it)
 * @prop prefix    the prefix to search under when the panel opens (the selected folder)
 * @prop onOpen    a result was chosen: select the key (the tree reveals it)
 * @prop onClose   the close button
 */
export function SearchPanel({
  inputRef,
  prefix,
  onOpen,
  onClose,
}: {
  inputRef: RefObject<HTMLInputElement | null>;
  prefix: string;
  onOpen: (ref: KeyRef) => void;
  onClose: () => void;
}) {
  const [form, setForm] = useState<SearchForm>({
    q: "",
    mode: "substring",
    values: false,
    prefix,
    caseSensitive: false,
  });
  const [request, setRequest] = useState<{ url: string; run: number } | null>(null);
  const runs = useRef(0);
  // In the explorer's past view (`?revision=R`) the search reads the keyspace as of R.
  const revision = useAsOfRevision();
  const scan = useScan<SearchMatchEvent, SearchDoneEvent>(request);
  const groups = useMemo(() => groupByFolder(scan.matches), [scan.matches]);
  const running = scan.status === "running";
  const set = (patch: Partial<SearchForm>) => setForm((f) => ({ ...f, ...patch }));

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!form.q) return;
    runs.current += 1;
    setRequest({ url: searchUrl(form, revision), run: runs.current });
  }

  return (
    <section aria-label="Search" className="border-b border-slate-200 bg-slate-50 px-4 py-3">
      <form onSubmit={submit} className="flex flex-wrap items-center gap-2">
        <Input
          ref={inputRef}
          type="search"
          aria-label="Search for"
          placeholder="Search keys (Ctrl/⌘K)"
          value={form.q}
          onChange={(e) => set({ q: e.target.value })}
          className="min-w-48 flex-1"
        />
        <Select
          aria-label="Match mode"
          value={form.mode}
          onChange={(e) => set({ mode: e.target.value as SearchMode })}
        >
          <option value="substring">substring</option>
          <option value="regex">regex</option>
          <option value="glob">glob</option>
        </Select>
        {running ? (
          <Button variant="danger" onClick={scan.cancel}>
            Cancel
          </Button>
        ) : (
          <Button variant="primary" type="submit" disabled={!form.q}>
            Search
          </Button>
        )}
        <button
          type="button"
          aria-label="Close search"
          onClick={onClose}
          className="rounded p-1 text-slate-500 hover:bg-slate-200"
        >
          <X aria-hidden size={16} />
        </button>
        <div className="flex w-full flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-700">
          <label className="flex items-center gap-1">
            <input
              type="checkbox"
              checked={form.values}
              onChange={(e) => set({ values: e.target.checked })}
            />
            Search values too
          </label>
          <label className="flex items-center gap-1">
            <input
              type="checkbox"
              checked={form.caseSensitive}
              onChange={(e) => set({ caseSensitive: e.target.checked })}
            />
            Match case
          </label>
          <label className="flex min-w-0 flex-1 items-center gap-1">
            Under
            <Input
              compact
              aria-label="Search under prefix"
              placeholder="(all keys)"
              value={form.prefix}
              onChange={(e) => set({ prefix: e.target.value })}
              className="min-w-0 flex-1 font-mono"
            />
          </label>
        </div>
      </form>
      {scan.status !== "idle" ? (
        <div className="mt-2 flex flex-col gap-2">
          <ScanProgress label="Search progress" progress={scan.progress} running={running} />
          <SearchSummary
            status={scan.status}
            matches={scan.matches.length}
            done={scan.done}
            error={scan.error?.message ?? null}
            onExport={() =>
              downloadMatches(scan.matches, scan.done?.revision ?? scan.progress?.revision ?? null)
            }
          />
          {groups.length > 0 ? (
            <div className="max-h-80 overflow-auto rounded border border-slate-200 bg-white p-2">
              <SearchResults groups={groups} onOpen={onOpen} />
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

/** One line under the bar: how many matches, whether the limit cut the scan, the export. */
function SearchSummary({
  status,
  matches,
  done,
  error,
  onExport,
}: {
  status: string;
  matches: number;
  done: SearchDoneEvent | null;
  error: string | null;
  onExport: () => void;
}) {
  const found = `${formatCount(matches)} ${matches === 1 ? "match" : "matches"}`;
  const text =
    status === "error"
      ? `Search failed: ${error}`
      : status === "cancelled"
        ? `Cancelled · ${found} so far`
        : status === "done"
          ? `${found}${done?.truncated ? ` (stopped at the limit; narrow the search)` : ""}${done ? ` at revision ${done.revision}` : ""}`
          : `Searching… ${found}`;
  return (
    <div className="flex items-center gap-2 text-sm">
      <p role="status" className={status === "error" ? "text-rose-700" : "text-slate-700"}>
        {text}
      </p>
      {matches > 0 && status !== "running" ? (
        <Button size="sm" onClick={onExport} className="ml-auto">
          Export NDJSON
        </Button>
      ) : null}
    </div>
  );
}
