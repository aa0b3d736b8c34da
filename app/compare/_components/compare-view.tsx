"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useReadOnly } from "@/components/read-only";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import { Input } from "@/components/ui/input";
import type { CompareEntry, CompareResponse } from "@/lib/contract";
import { decodeBytes } from "@/lib/format/bytes";
import { displayKey } from "@/lib/format/display-key";
import { valueDiff } from "@/lib/format/value-diff";
import { comparePrefixes, importText } from "@/lib/query/bulk";
import { kvKeys } from "@/lib/query/keys";
import { compareCopyFile } from "./compare-copy";

const STATUS_TEXT: Record<CompareEntry["status"], string> = {
  "only-left": "only left",
  "only-right": "only right",
  different: "different",
  same: "same",
};

/**
 * Compare two prefixes (`GET /api/v1/compare`), each at an optional revision: a table of every
 * relative key that differs (same keys are counted), a line diff of the clicked key, and "Copy
 * selected left → right": the ticked keys' left values as the compare showed them (so at the
 * left revision when one is set) are written under the right prefix the compare read, by an
 * overwrite `POST /api/v1/import` guarded by the right side's revision (`planRevision`): a
 * right key created or changed since the compare is reported as a conflict, not overwritten
 * (compareCopyFile). Then the comparison is read again.
 */
export function CompareView() {
  const readOnly = useReadOnly();
  const qc = useQueryClient();
  const [q, setQ] = useState({ left: "/", right: "/", leftRevision: "", rightRevision: "" });
  const [res, setRes] = useState<CompareResponse | null>(null);
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const [open, setOpen] = useState<CompareEntry | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function compare() {
    setBusy(true);
    setError(null);
    try {
      setRes(await comparePrefixes(q));
      setTicked(new Set());
      setOpen(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function copySelected() {
    if (!res) return;
    const file = compareCopyFile(res, ticked);
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      // Guarded by the right side as the compare read it: a key changed since is a conflict.
      const out = await importText(file, {
        mode: "overwrite",
        dryRun: false,
        planRevision: res.right.revision,
      });
      const conflicts = out.items.filter((i) => i.outcome === "conflict").length;
      setNote(
        `Copied: ${Object.entries(out.counts)
          .map(([k, v]) => `${v} ${k}`)
          .join(", ")}. ${out.statement ?? ""}${
          conflicts
            ? ` ${conflicts} right-side ${conflicts === 1 ? "key was" : "keys were"} changed after the compare and left as they are.`
            : ""
        }`,
      );
      await qc.invalidateQueries({ queryKey: kvKeys.all });
      setRes(await comparePrefixes(q));
      setTicked(new Set());
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const rows = res?.entries.filter((e) => e.status !== "same") ?? [];
  const field = (name: keyof typeof q, label: string, cls: string) => (
    <label className="text-sm">
      {label}
      <Input
        value={q[name]}
        onChange={(e) => setQ({ ...q, [name]: e.target.value })}
        className={`mt-1 block font-mono ${cls}`}
        spellCheck={false}
      />
    </label>
  );
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-4 p-6">
      <h1 className="text-lg font-semibold">Compare prefixes</h1>
      <div className="flex flex-wrap items-end gap-3">
        {field("left", "Left prefix", "w-64")}
        {field("leftRevision", "at revision", "w-28")}
        {field("right", "Right prefix", "w-64")}
        {field("rightRevision", "at revision", "w-28")}
        <Button variant="primary" disabled={busy} onClick={() => void compare()}>
          Compare
        </Button>
      </div>
      <InlineError message={error} />
      {note ? (
        <p role="status" className="text-sm">
          {note}
        </p>
      ) : null}
      {res ? (
        <>
          <p className="text-sm">
            Left at revision {res.left.revision}, right at {res.right.revision}:{" "}
            {res.counts.different} different, {res.counts["only-left"]} only left,{" "}
            {res.counts["only-right"]} only right, {res.counts.same} same
            {res.truncated
              ? " (more than 10,000 keys: compared the first 10,000 of each side)"
              : ""}
            .
          </p>
          {readOnly ||
          res.right.prefixEncoding !== "utf8" ||
          res.right.prefix === res.left.prefix ||
          rows.length === 0 ? null : (
            <div>
              <Button disabled={busy || ticked.size === 0} onClick={() => void copySelected()}>
                Copy selected left → right ({ticked.size})
              </Button>
            </div>
          )}
          <table aria-label="Differences" className="w-full text-left font-mono text-xs">
            <thead>
              <tr className="text-slate-500">
                <th className="w-6" />
                <th className="font-medium">key</th>
                <th className="font-medium">status</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={`${e.keyEncoding}:${e.key}`} className={open === e ? "bg-sky-50" : ""}>
                  <td>
                    {e.left && e.keyEncoding === "utf8" ? (
                      <input
                        type="checkbox"
                        aria-label={`select ${e.key}`}
                        checked={ticked.has(e.key)}
                        onChange={(ev) => {
                          const next = new Set(ticked);
                          if (ev.target.checked) next.add(e.key);
                          else next.delete(e.key);
                          setTicked(next);
                        }}
                      />
                    ) : null}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="text-left underline-offset-2 hover:underline"
                      onClick={() => setOpen(e)}
                    >
                      {displayKey(e.key, e.keyEncoding)}
                    </button>
                  </td>
                  <td>{STATUS_TEXT[e.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {open ? <EntryDiff entry={open} /> : null}
        </>
      ) : null}
    </div>
  );
}

/** The line diff of one entry: left as `-`, right as `+` (sizes for binary values). */
function EntryDiff({ entry }: { entry: CompareEntry }) {
  const bytes = (kv?: CompareEntry["left"]) =>
    kv ? (decodeBytes(kv.value, kv.valueEncoding) ?? new Uint8Array()) : new Uint8Array();
  const diff = valueDiff(bytes(entry.left), bytes(entry.right));
  return (
    <section aria-label={`Diff of ${entry.key}`} className="rounded border border-slate-200 p-2">
      <p className="mb-1 text-xs text-slate-600">− left · + right</p>
      {diff.kind === "lines" ? (
        <pre className="max-h-80 overflow-auto font-mono text-xs">
          {diff.lines.map((l, i) => (
            <span
              key={i}
              className={`block whitespace-pre-wrap break-all ${l.op === "+" ? "bg-emerald-50 text-emerald-900" : l.op === "-" ? "bg-rose-50 text-rose-900" : "text-slate-600"}`}
            >
              {l.op} {l.text}
            </span>
          ))}
        </pre>
      ) : diff.kind === "binary" ? (
        <p className="text-sm">
          Binary values: left {diff.beforeBytes} bytes, right {diff.afterBytes} bytes.
        </p>
      ) : (
        <p className="text-sm">Too large to diff here.</p>
      )}
    </section>
  );
}
