"use client";

import { useMemo, useState } from "react";
import type { KvDto } from "@/lib/contract";
import { formatOfForm, type ValueFormat } from "@/lib/format/detect-format";
import { normaliseValue } from "@/lib/format/time-travel/normalise";
import { lineDiff, type DiffLine } from "@/lib/format/value-diff";
import { editForm } from "@/lib/format/value-text";
import { DiffLines } from "../key/diff-lines";
import { SideBySideDiff } from "./side-by-side-diff";

/** What a diff can show: lines, a binary size note, or "too large". */
type Shown =
  | { kind: "lines"; lines: DiffLine[]; normalised: boolean; unparsable: boolean }
  | { kind: "binary"; beforeBytes: number; afterBytes: number }
  | { kind: "too-large" };

/** A version's text and format; a deleted (absent) version is empty text. */
function side(kv: KvDto | null) {
  if (!kv) return { text: "", format: "text" as ValueFormat, binary: false, bytes: 0 };
  const form = editForm(kv.value, kv.valueEncoding);
  return {
    text: form.text,
    format: formatOfForm(kv.key, form),
    binary: form.mode === "base64",
    bytes: kv.valueSize,
  };
}

/** The format both sides share, if JSON or YAML (or one side is absent): what normalising can do. */
function sharedStructured(a: ValueFormat, b: ValueFormat, aKv: unknown, bKv: unknown) {
  const fa = aKv ? a : b;
  const fb = bKv ? b : a;
  return fa === fb && (fa === "json" || fa === "yaml") ? fa : null;
}

/**
 * A line diff between two versions of a key (`-` before, `+` after), unified or side by side.
 * JSON and YAML values are normalised first by default (keys sorted, one layout: see
 * normaliseValue) so that only content changes show; the toggle shows the raw text, where
 * whitespace and CR bytes count. Values that are not text compare by size only. Rendered as
 * text nodes, never HTML. Decodes nothing back into stored bytes: display only.
 * @prop before       the older version (null: the key did not exist)
 * @prop after        the newer version (null: deleted)
 * @prop beforeLabel  names the left side, e.g. "revision 12"
 * @prop afterLabel   names the right side
 */
export function VersionDiff({
  before,
  after,
  beforeLabel,
  afterLabel,
}: {
  before: KvDto | null;
  after: KvDto | null;
  beforeLabel: string;
  afterLabel: string;
}) {
  const [layout, setLayout] = useState<"unified" | "split">("unified");
  const [normalise, setNormalise] = useState(true);
  const a = useMemo(() => side(before), [before]);
  const b = useMemo(() => side(after), [after]);
  const structured = sharedStructured(a.format, b.format, before, after);

  const shown = useMemo<Shown>(() => {
    if (a.binary || b.binary) return { kind: "binary", beforeBytes: a.bytes, afterBytes: b.bytes };
    let left = a.text;
    let right = b.text;
    let unparsable = false;
    const normalised = normalise && structured !== null;
    if (normalised) {
      const nl = before ? normaliseValue(left, structured) : "";
      const nr = after ? normaliseValue(right, structured) : "";
      if (nl === null || nr === null) unparsable = true;
      else [left, right] = [nl, nr];
    }
    const lines = lineDiff(left, right);
    return lines
      ? { kind: "lines", lines, normalised: normalised && !unparsable, unparsable }
      : { kind: "too-large" };
  }, [a, b, before, after, normalise, structured]);

  const label = `Diff from ${beforeLabel} to ${afterLabel}`;
  return (
    <section aria-label={label} className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-3 text-xs text-slate-600">
        <span className="font-semibold">
          − {beforeLabel} · + {afterLabel}
        </span>
        <fieldset className="flex items-center gap-2">
          <legend className="sr-only">Diff layout</legend>
          <label className="flex items-center gap-1">
            <input
              type="radio"
              name={`${label}-layout`}
              checked={layout === "unified"}
              onChange={() => setLayout("unified")}
            />
            Unified
          </label>
          <label className="flex items-center gap-1">
            <input
              type="radio"
              name={`${label}-layout`}
              checked={layout === "split"}
              onChange={() => setLayout("split")}
            />
            Side by side
          </label>
        </fieldset>
        {structured ? (
          <label className="flex items-center gap-1">
            <input
              type="checkbox"
              checked={normalise}
              onChange={(e) => setNormalise(e.target.checked)}
            />
            Normalise {structured === "json" ? "JSON" : "YAML"} (sorted keys, one layout)
          </label>
        ) : null}
      </div>
      {shown.kind === "binary" ? (
        <p aria-label="Differences" className="text-sm text-slate-700">
          Not text: {shown.beforeBytes.toLocaleString("en-US")} bytes ({beforeLabel}) vs{" "}
          {shown.afterBytes.toLocaleString("en-US")} bytes ({afterLabel}).
        </p>
      ) : shown.kind === "too-large" ? (
        <p aria-label="Differences" className="text-sm text-slate-700">
          Too large or too different to diff here.
        </p>
      ) : (
        <>
          {shown.unparsable ? (
            <p className="text-xs text-amber-800">
              A version doesn&apos;t parse as {structured === "json" ? "JSON" : "YAML"}: showing the
              raw text.
            </p>
          ) : null}
          {shown.lines.every((l) => l.op === " ") ? (
            <p role="status" className="text-xs text-slate-600">
              {shown.normalised
                ? "Same content (they differ only in layout or key order)."
                : "No difference."}
            </p>
          ) : null}
          {layout === "unified" ? (
            <DiffLines lines={shown.lines} label="Differences" />
          ) : (
            <SideBySideDiff lines={shown.lines} leftLabel={beforeLabel} rightLabel={afterLabel} />
          )}
        </>
      )}
    </section>
  );
}
