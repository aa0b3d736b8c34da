"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import type { KvDto } from "@/lib/contract";
import { prettyJson, validateValue, type ValueFormat } from "@/lib/format/detect-format";
import { editForm, NOT_TEXT_NOTE, valueToSend } from "@/lib/format/value-text";
import { conflictCurrent } from "@/lib/query/api-error";
import { invalidateKey } from "@/lib/query/invalidate";
import { kvKeys } from "@/lib/query/keys";
import { usePutKvMutation } from "@/lib/query/use-put-kv-mutation";
import { CodeEditor } from "./code-editor";
import { ConflictDialog } from "./conflict-dialog";
import { DeletedNotice } from "./deleted-notice";
import { draftId, getDraft, hasDrafts, setDraft } from "../../../lib/drafts";
import { TheirVersion } from "./their-version";
import { useChangedUnderneath } from "./use-changed-underneath";
import { Select } from "@/components/ui/input";
import { useShortcut } from "../shortcuts/use-shortcut";

/**
 * Edit a value in CodeMirror and save it with `PUT /api/v1/kv` (etcd Txn: compare mod_revision,
 * then Put), guarded by the modRevision the edit started from (`expectedModRevision`); the
 * key's lease is kept (no lease/ttl sent).
 *
 * Byte-exact: text values are edited as their exact characters (CR, lone CR, U+2028, BOM all
 * kept) and sent back as utf8, so only what the user typed changes; values that are not text
 * (notTextReason) are edited as base64 of their bytes and sent as base64. JSON and YAML are
 * validated before saving.
 *
 * Conflicts: a 409 opens the conflict dialog (a diff of theirs vs mine); "Keep editing" keeps
 * their value on screen beside the draft until the next save. A key deleted underneath (seen on
 * the watch stream, by the pane's read, or by a save) keeps the draft and offers to create the
 * key with it (create-only, `expectedModRevision: "0"`) or to discard it. The text is kept in
 * drafts.ts until it is saved or discarded. Ctrl/Cmd+S saves, also while typing in the editor
 * (not while the conflict dialog is open).
 * @prop kv        the key as last read (when `gone`, as it was before it was deleted)
 * @prop detected  the value's detected format (the editor's initial mode; `binary` = base64)
 * @prop gone      the pane read the key as not found (404): it was deleted underneath
 * @prop autoFocus put the caret in the editor when it opens (an edit the user started)
 * @prop onDone    leave edit mode (after a save or a discard)
 */
export function ValueEditor({
  kv,
  detected,
  gone = false,
  autoFocus = false,
  onDone,
}: {
  kv: KvDto;
  detected: ValueFormat;
  gone?: boolean;
  autoFocus?: boolean;
  onDone: () => void;
}) {
  const id = draftId(kv);
  const original = useMemo(
    () => editForm(kv.value, kv.valueEncoding),
    [kv.value, kv.valueEncoding],
  );
  const [restored] = useState(() => getDraft(id));
  const [text, setText] = useState(restored?.text ?? original.text);
  const [format, setFormat] = useState<ValueFormat>(restored?.format ?? detected);
  const [base, setBase] = useState(restored?.base ?? kv.modRevision);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<{ current: KvDto | null } | null>(null);
  // The other writer's value the user chose to keep editing on top of ("Keep editing").
  const [theirs, setTheirs] = useState<KvDto | null>(null);
  // A save learnt that the key is gone (409 with no current value).
  const [deletedSeen, setDeletedSeen] = useState(false);
  const put = usePutKvMutation();
  const qc = useQueryClient();
  const mode = format === "binary" ? "base64" : "text";
  const changed = useChangedUnderneath(kv, base, put.isPending);
  // The latest word wins: a watch event after the edit's base, else the pane's read or a save.
  const deleted = changed ? changed.type === "delete" : gone || deletedSeen;

  // Keep the text outside this component until it is saved or discarded (see drafts.ts). A
  // deleted key always keeps one, so the pane keeps the editor instead of "Key not found".
  useEffect(() => {
    const untouched = text === original.text && base === kv.modRevision && !deleted;
    setDraft(id, untouched ? undefined : { text, base, format, kv });
  }, [id, text, base, format, kv, original.text, deleted]);
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

  function discard() {
    finish();
    // Deletes seen while editing are not refetched (use-live-updates); read the key again now.
    void qc.invalidateQueries({ queryKey: kvKeys.key(kv.key, kv.keyEncoding) });
  }

  function save(expectedModRevision: string) {
    const body = valueToSend(text, mode);
    const invalid = "error" in body ? body.error : validateValue(text, format);
    setError(invalid);
    if ("error" in body || invalid) return;
    put.mutate(
      { key: kv.key, keyEncoding: kv.keyEncoding, ...body, expectedModRevision },
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
          if (current === null) setDeletedSeen(true);
          setConflict({ current });
          // The page behind the dialog should show the key as it is now.
          void invalidateKey(qc, kv);
        },
      },
    );
  }

  useShortcut("save", () => save(base), {
    enabled: !put.isPending && conflict === null && !deleted,
    inEditors: true,
  });

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <label className="flex items-center gap-1 text-slate-600">
          Validate as
          <Select
            compact
            value={format}
            disabled={format === "binary"}
            onChange={(e) => setFormat(e.target.value as ValueFormat)}
          >
            {format === "binary" ? <option value="binary">Base64 (binary)</option> : null}
            <option value="json">JSON</option>
            <option value="yaml">YAML</option>
            <option value="text">Text</option>
          </Select>
        </label>
        {format === "json" ? (
          <Button size="sm" onClick={() => setText(prettyJson(text))}>
            Format JSON
          </Button>
        ) : null}
        <span className="ml-auto text-xs text-slate-500">
          {base === "0"
            ? "Saving creates the key, only if it does not exist"
            : `Saving only if the key is still at modRevision ${base}`}
        </span>
      </div>
      {mode === "base64" ? (
        <p role="note" className="text-xs text-slate-600">
          This value is not text (
          {original.mode === "base64" ? NOT_TEXT_NOTE[original.reason] : "binary"}), so it is edited
          as base64 of its exact bytes; only what you change is saved.
        </p>
      ) : null}
      {/* Once the key is deleted their value is history: the deleted notice says what is true. */}
      <div className={theirs && !deleted ? "grid grid-cols-2 gap-3" : undefined}>
        <div className="h-[50vh] overflow-hidden rounded-md border border-slate-300 bg-white">
          <CodeEditor
            value={text}
            onChange={setText}
            format={format}
            label="Value editor"
            autoFocus={autoFocus}
          />
        </div>
        {theirs && !deleted ? <TheirVersion kv={theirs} /> : null}
      </div>
      {restored ? (
        <p role="status" className="text-xs text-amber-700">
          Your unsaved edit of this key was restored.
        </p>
      ) : null}
      {deleted ? (
        <DeletedNotice
          revision={changed?.revision ?? null}
          pending={put.isPending}
          onCreate={() => save("0")}
          onDiscard={discard}
        />
      ) : changed ? (
        <p
          aria-label="Changed underneath"
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          This key was changed at revision {changed.revision} by someone else. Your text is kept;
          saving will ask how to resolve the conflict.
        </p>
      ) : null}
      <InlineError message={error} />
      <div className="flex gap-2">
        <Button variant="primary" disabled={put.isPending} onClick={() => save(base)}>
          {put.isPending ? "Saving…" : "Save"}
        </Button>
        <Button onClick={discard} disabled={put.isPending}>
          Cancel
        </Button>
      </div>
      {conflict ? (
        <ConflictDialog
          current={conflict.current}
          mine={text}
          mode={mode}
          pending={put.isPending}
          onOverwrite={() => save(conflict.current?.modRevision ?? "0")}
          onKeepEditing={() => {
            setBase(conflict.current?.modRevision ?? "0");
            setTheirs(conflict.current);
            setConflict(null);
          }}
          onDiscard={() => {
            setConflict(null);
            discard();
          }}
        />
      ) : null}
    </div>
  );
}
