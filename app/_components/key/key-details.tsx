"use client";

import { useMemo, useState } from "react";
import { useReadOnly } from "@/components/read-only";
import { Button } from "@/components/ui/button";
import type { DecodedValue, KvDto } from "@/lib/contract";
import { formatOfForm } from "@/lib/format/detect-format";
import { displayKey } from "@/lib/format/display-key";
import { folderOfKey } from "@/lib/format/key-path";
import { editForm, NOT_TEXT_NOTE } from "@/lib/format/value-text";
import { useCountQuery } from "@/lib/query/use-count-query";
import { DeleteFolderDialog } from "../folder/delete-folder-dialog";
import { DecodedValueView } from "../kubernetes/decoded-value";
import { RegistryNote } from "../kubernetes/registry-note";
import { DeleteKeyDialog } from "./delete-key-dialog";
import { draftId, getDraft } from "../../../lib/drafts";
import { KeyHistory } from "../history/key-history";
import { KeyLeaseDialog } from "./key-lease-dialog";
import { KeyMetadata } from "./key-metadata";
import { ValueEditor } from "./value-editor";
import { ValueViewer } from "./value-viewer";
import type { Selection } from "../use-selection";
import { useShortcut } from "../shortcuts/use-shortcut";
import { isRegistryKeyText } from "@/lib/kubernetes/registry";

const FORMAT_LABEL = { json: "JSON", yaml: "YAML", text: "Text", binary: "Binary" } as const;

/**
 * A loaded key: name, metadata, the value (viewer or editor) and actions — Edit (or Alt+E; the
 * editor then takes focus), Lease (attach or detach), Delete, and "Delete folder" when keys
 * exist below `key + "/"`. A key under `/registry/` (Kubernetes' objects) has no actions, and a
 * note says why; a value the gateway decoded (`decoded`) is shown as the Kubernetes object.
 * Two tabs: Value (viewer or editor) and History (every version etcd keeps, diffs, "Restore
 * this version": KeyHistory).
 * @prop kv        the key as read (its modRevision guards edits and deletes); when `gone`, as it
 *                 was last read
 * @prop gone      the key no longer exists (404) but has an unsaved draft: the editor stays
 * @prop decoded   the gateway's Kubernetes reading of the value, when it has one
 * @prop onSelect  change the selection (after a delete)
 */
export function KeyDetails({
  kv,
  gone = false,
  decoded,
  onSelect,
}: {
  kv: KvDto;
  gone?: boolean;
  decoded?: DecodedValue;
  onSelect: (s: Selection) => void;
}) {
  const readOnly = useReadOnly();
  // Reopen the editor when the user comes back to a key they left mid-edit.
  const [editing, setEditing] = useState(() => getDraft(draftId(kv)) !== undefined);
  // Only an edit the user starts takes focus; a restored draft leaves it where it is (the tree).
  const [focusEditor, setFocusEditor] = useState(false);
  // Kubernetes owns /registry/: the gateway refuses writes there (403 registry_protected).
  const registry = isRegistryKeyText(kv.key, kv.keyEncoding);
  const canEdit = !editing && !readOnly && !gone && !registry;
  // Under /registry/ the decoded object replaces the raw bytes; elsewhere (an editable key) it
  // is shown below them.
  const decodedOnly = decoded !== undefined && registry && !editing;
  function startEditing() {
    setEditing(true);
    setFocusEditor(true);
  }
  useShortcut("edit", startEditing, { enabled: canEdit });
  const [dialog, setDialog] = useState<"delete" | "delete-folder" | "lease" | null>(null);
  const folder = folderOfKey(kv);
  const below = useCountQuery(folder);
  const form = useMemo(() => editForm(kv.value, kv.valueEncoding), [kv.value, kv.valueEncoding]);
  const format = useMemo(() => formatOfForm(kv.key, form), [kv.key, form]);
  const hasChildren = below.data !== undefined && below.data !== "0";
  const [tab, setTab] = useState<"value" | "history">("value");
  const tabClass = (t: typeof tab) =>
    `border-b-2 px-3 py-1 text-sm ${tab === t ? "border-sky-600 font-medium text-sky-900" : "border-transparent text-slate-600 hover:text-slate-900"}`;

  return (
    <div className="flex flex-col gap-4 p-6">
      <div className="flex flex-wrap items-start gap-3">
        <h1 className="min-w-0 flex-1 font-mono text-lg break-all">
          {displayKey(kv.key, kv.keyEncoding)}
        </h1>
        {canEdit ? (
          <div className="flex gap-2">
            <Button variant="primary" onClick={startEditing}>
              Edit
            </Button>
            <Button onClick={() => setDialog("lease")}>Lease…</Button>
            <Button variant="danger" onClick={() => setDialog("delete")}>
              Delete
            </Button>
            {hasChildren ? (
              <Button variant="danger" onClick={() => setDialog("delete-folder")}>
                Delete folder
              </Button>
            ) : null}
          </div>
        ) : registry && !readOnly ? (
          <RegistryNote />
        ) : null}
      </div>
      <KeyMetadata kv={kv} />
      <div role="tablist" aria-label="Key views" className="flex gap-1 border-b border-slate-200">
        <button
          type="button"
          role="tab"
          aria-selected={tab === "value"}
          className={tabClass("value")}
          onClick={() => setTab("value")}
        >
          Value
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === "history"}
          className={tabClass("history")}
          onClick={() => setTab("history")}
        >
          History
        </button>
      </div>
      {tab === "history" && !editing ? (
        <div role="tabpanel" aria-label="History">
          <KeyHistory keyRef={kv} current={gone ? null : kv} />
        </div>
      ) : (
        <>
          {decoded && decodedOnly ? <DecodedValueView kv={kv} decoded={decoded} /> : null}
          <div
            className={`${decodedOnly ? "hidden" : "flex"} items-center gap-2 text-xs text-slate-500`}
          >
            <span>Format:</span>
            <span
              aria-label="Detected format"
              className="rounded bg-slate-200 px-1.5 py-0.5 text-slate-700"
            >
              {FORMAT_LABEL[format]}
            </span>
            {form.mode === "base64" ? (
              <span>({NOT_TEXT_NOTE[form.reason]}; shown as hex, edited as base64)</span>
            ) : null}
          </div>
          {editing && !readOnly ? (
            <ValueEditor
              kv={kv}
              detected={format}
              gone={gone}
              autoFocus={focusEditor}
              onDone={() => setEditing(false)}
            />
          ) : decodedOnly ? null : (
            <ValueViewer kv={kv} format={format} />
          )}
          {decoded && !decodedOnly && !editing ? (
            <div>
              <h2 className="mb-1 text-xs font-semibold text-slate-600">
                Decoded as a Kubernetes value
              </h2>
              <DecodedValueView kv={kv} decoded={decoded} />
            </div>
          ) : null}
        </>
      )}
      {dialog === "delete" ? (
        <DeleteKeyDialog
          kv={kv}
          onClose={() => setDialog(null)}
          onDeleted={() => onSelect({ kind: "none" })}
        />
      ) : null}
      {dialog === "lease" ? <KeyLeaseDialog kv={kv} onClose={() => setDialog(null)} /> : null}
      {dialog === "delete-folder" ? (
        <DeleteFolderDialog
          folder={folder}
          onClose={() => setDialog(null)}
          onDeleted={() => setDialog(null)}
        />
      ) : null}
    </div>
  );
}
