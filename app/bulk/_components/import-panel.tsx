"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useReadOnly } from "@/components/read-only";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import { Input } from "@/components/ui/input";
import type { ImportResponse, WriteMode } from "@/lib/contract";
import { displayKey } from "@/lib/format/display-key";
import { importText } from "@/lib/query/bulk";
import { kvKeys } from "@/lib/query/keys";

const ACTION_TEXT: Record<string, string> = {
  create: "create",
  update: "overwrite",
  unchanged: "unchanged",
  conflict: "exists: skipped",
};

/**
 * Import a file (our export, an `etcdctl get -w json` dump or a `{key: value}` object): first
 * a dry run (`POST /api/v1/import?dryRun=1`) shown as a table of what happens to each key, then
 * "Apply" sends the same file with that plan's `planRevision`, so a key changed since the plan
 * is a conflict, not overwritten; the answer lists each key's outcome.
 */
export function ImportPanel() {
  const readOnly = useReadOnly();
  const qc = useQueryClient();
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [mode, setMode] = useState<WriteMode>("create-only");
  const [prefix, setPrefix] = useState("");
  const [leases, setLeases] = useState(false);
  const [plan, setPlan] = useState<ImportResponse | null>(null);
  const [result, setResult] = useState<ImportResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(dryRun: boolean) {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const res = await importText(file.text, {
        mode,
        dryRun,
        prefix: prefix || undefined,
        leases,
        planRevision: dryRun ? undefined : plan?.planRevision,
      });
      if (dryRun) {
        setPlan(res);
        setResult(null);
      } else {
        setResult(res);
        await qc.invalidateQueries({ queryKey: kvKeys.all });
      }
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const reset = () => {
    setPlan(null);
    setResult(null);
  };
  const shown = result ?? plan;
  return (
    <section aria-labelledby="import-title" className="flex flex-col gap-3">
      <h1 id="import-title" className="text-lg font-semibold">
        Import
      </h1>
      {readOnly ? (
        <p className="text-sm text-slate-600">The gateway is read-only: imports are off.</p>
      ) : null}
      <div className="flex flex-wrap items-end gap-3">
        <label className="text-sm">
          File
          <input
            type="file"
            accept=".ndjson,.json,application/json,application/x-ndjson"
            className="mt-1 block text-sm"
            onChange={async (e) => {
              const f = e.target.files?.[0];
              reset();
              setFile(f ? { name: f.name, text: await f.text() } : null);
            }}
          />
        </label>
        <label className="text-sm">
          If a key exists
          <select
            value={mode}
            onChange={(e) => {
              setMode(e.target.value as WriteMode);
              reset();
            }}
            className="mt-1 block rounded border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            <option value="create-only">skip it</option>
            <option value="overwrite">overwrite it</option>
          </select>
        </label>
        <label className="text-sm">
          Import under prefix (optional)
          <Input
            value={prefix}
            onChange={(e) => {
              setPrefix(e.target.value);
              reset();
            }}
            className="mt-1 block w-64 font-mono"
            spellCheck={false}
          />
        </label>
        <label className="flex items-center gap-1 text-sm">
          <input
            type="checkbox"
            checked={leases}
            onChange={(e) => {
              setLeases(e.target.checked);
              reset();
            }}
          />
          new leases with the exported TTLs
        </label>
      </div>
      <div className="flex gap-2">
        <Button disabled={!file || busy || readOnly} onClick={() => void run(true)}>
          Plan (dry run)
        </Button>
        <Button
          variant="primary"
          disabled={!plan || !!result || busy || readOnly}
          onClick={() => void run(false)}
        >
          Apply plan
        </Button>
      </div>
      <InlineError message={error} />
      {shown ? (
        <div>
          <p role="status" className="text-sm">
            {result ? "Applied" : `Plan at revision ${shown.planRevision}`} ({shown.format}):{" "}
            {Object.entries(shown.counts)
              .map(([k, v]) => `${v} ${result ? k : (ACTION_TEXT[k] ?? k)}`)
              .join(", ") || "no keys"}
            .
          </p>
          {result?.statement ? <p className="text-xs text-slate-600">{result.statement}</p> : null}
          {result?.error ? <p className="text-sm text-rose-700">{result.error.message}</p> : null}
          <table
            aria-label={result ? "Import result" : "Import plan"}
            className="mt-2 w-full text-left font-mono text-xs"
          >
            <thead>
              <tr className="text-slate-500">
                <th className="font-medium">key</th>
                <th className="font-medium">{result ? "outcome" : "plan"}</th>
              </tr>
            </thead>
            <tbody>
              {shown.items.slice(0, 1000).map((i) => (
                <tr key={`${i.keyEncoding}:${i.key}`}>
                  <td className="pr-2 break-all">{displayKey(i.key, i.keyEncoding)}</td>
                  <td className={(i.outcome ?? i.action) === "conflict" ? "text-rose-700" : ""}>
                    {result
                      ? `${i.outcome}${i.reason ? ` (${i.reason})` : ""}`
                      : ACTION_TEXT[i.action]}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {shown.items.length > 1000 ? (
            <p className="text-xs text-slate-500">… and {shown.items.length - 1000} more</p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
