"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import type { KvDto } from "@/lib/contract";
import { base64ToBytes } from "@/lib/format/bytes";
import { prettyJson, validateValue, type ValueFormat } from "@/lib/format/detect-format";
import { conflictCurrent } from "@/lib/query/api-error";
import { invalidateKey } from "@/lib/query/invalidate";
import { usePutKvMutation } from "@/lib/query/use-put-kv-mutation";
import { CodeEditor } from "./code-editor";
import { ConflictDialog } from "./conflict-dialog";
import { getDraft, hasDrafts, setDraft } from "./drafts";
import { useChangedUnderneath } from "./use-changed-underneath";

/**
 * Edit a value in CodeMirror and save it with `PUT /api/v1/kv`, guarded by the modRevision the
 * edit started from (`expectedModRevision`); the key's lease is kept (no lease/ttl sent).
 * JSON and YAML are validated before saving; binary values are edited as base64. A 409 opens
 * the conflict dialog; the user's text is kept until they save or discard it. A change to the
 * key from elsewhere (seen on the watch stream) shows a notice instead of replacing the text.
 * @prop kv        the key as loaded when editing began
 * @prop detected  the value's detected format (the editor's initial mode)
 * @prop onDone    leave edit mode (after a save or a discard)
 */
export function ValueEditor({
  kv,
  detected,
  onDone,
}: {
  kv: KvDto;
  detected: ValueFormat;
  onDone: () => void;
}) {
  const id = `${kv.keyEncoding}:${kv.key}`;
  const [restored] = useState(() => getDraft(id));
  const [text, setText] = useState(restored?.text ?? kv.value);
  const [format, setFormat] = useState<ValueFormat>(restored?.format ?? detected);
  const [base, setBase] = useState(restored?.base ?? kv.modRevision);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<{ current: KvDto | null } | null>(null);
  const put = usePutKvMutation();
  const qc = useQueryClient();
  const binary = format === "binary";
  const changed = useChangedUnderneath(kv, base, put.isPending);

  // Keep the text outside this component until it is saved or discarded (see drafts.ts).
  useEffect(() => {
    setDraft(id, text === kv.value && base === kv.modRevision ? undefined : { text, base, format });
  }, [id, text, base, format, kv.value, kv.modRevision]);
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (hasDrafts()) e.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, []);

  function finish() {
    setDraft(id, undefined);
    onDone();
  }

  function save(expectedModRevision: string) {
    const invalid = binary
      ? base64ToBytes(text) === null
        ? "Invalid base64: use A–Z, a–z, 0–9, + and / with = padding."
        : null
      : validateValue(text, format);
    setError(invalid);
    if (invalid) return;
    put.mutate(
      {
        key: kv.key,
        keyEncoding: kv.keyEncoding,
        value: binary ? text.replace(/\s+/g, "") : text,
        valueEncoding: binary ? "base64" : "utf8",
        expectedModRevision,
      },
      {
        onSuccess: () => {
          setConflict(null);
          finish();
        },
        onError: (err) => {
          const current = conflictCurrent(err);
          if (current === undefined) {
            setError(`Save failed: ${err.message}`);
            return;
          }
          setConflict({ current });
          // The page behind the dialog should show the key as it is now.
          void invalidateKey(qc, kv);
        },
      },
    );
  }

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <label className="flex items-center gap-1 text-slate-600">
          Validate as
          <select
            value={format}
            disabled={detected === "binary"}
            onChange={(e) => setFormat(e.target.value as ValueFormat)}
            className="rounded border border-slate-300 px-1 py-0.5"
          >
            {detected === "binary" ? <option value="binary">Base64 (binary)</option> : null}
            <option value="json">JSON</option>
            <option value="yaml">YAML</option>
            <option value="text">Text</option>
          </select>
        </label>
        {format === "json" ? (
          <Button size="sm" onClick={() => setText(prettyJson(text))}>
            Format JSON
          </Button>
        ) : null}
        <span className="ml-auto text-xs text-slate-500">
          Saving only if the key is still at modRevision {base === "0" ? "(new key)" : base}
        </span>
      </div>
      <div className="h-[50vh] overflow-hidden rounded-md border border-slate-300 bg-white">
        <CodeEditor value={text} onChange={setText} format={format} label="Value editor" />
      </div>
      {restored ? (
        <p role="status" className="text-xs text-amber-700">
          Your unsaved edit of this key was restored.
        </p>
      ) : null}
      {changed ? (
        <p
          aria-label="Changed underneath"
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          This key was {changed.type === "delete" ? "deleted" : "changed"} at revision{" "}
          {changed.revision} by someone else. Your text is kept; saving will ask how to resolve the
          conflict.
        </p>
      ) : null}
      <InlineError message={error} />
      <div className="flex gap-2">
        <Button variant="primary" disabled={put.isPending} onClick={() => save(base)}>
          {put.isPending ? "Saving…" : "Save"}
        </Button>
        <Button onClick={finish} disabled={put.isPending}>
          Cancel
        </Button>
      </div>
      {conflict ? (
        <ConflictDialog
          current={conflict.current}
          mine={text}
          pending={put.isPending}
          onOverwrite={() => save(conflict.current?.modRevision ?? "0")}
          onKeepEditing={() => {
            setBase(conflict.current?.modRevision ?? "0");
            setConflict(null);
          }}
          onDiscard={() => {
            setConflict(null);
            finish();
          }}
        />
      ) : null}
    </div>
  );
}
