"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ExportDownload } from "@/components/bulk/export-download";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";
import { Input } from "@/components/ui/input";
import type { CopyResponse, WriteMode } from "@/lib/contract";
import { displayKey } from "@/lib/format/display-key";
import { parentFolder } from "@/lib/format/key-path";
import { copyItems, type CopyItemInput } from "@/lib/query/bulk";
import { deletePrefix } from "@/lib/query/use-delete-prefix-mutation";
import { apiFetch } from "@/lib/query/fetcher";
import { isApiError } from "@/lib/query/api-error";
import { kvKeys } from "@/lib/query/keys";
import { useAsOfRevision } from "@/lib/query/time-travel/as-of";
import { copyItemInto, type MarkedItem } from "./marked-item";
import type { BulkAction } from "./selection-bar";

const TITLES: Record<BulkAction, string> = {
  delete: "Delete selection",
  export: "Export selection",
  copy: "Copy selection",
  move: "Move selection",
};

/**
 * The one confirmation for an action on the tree's multi-selection. It lists what will happen
 * before anything does:
 * - copy / move: a destination folder and a mode; "Preview" asks `POST /api/v1/copy` with
 *   `dryRun` and lists each key's plan (create, overwrite, unchanged, exists); the confirm
 *   button then applies it, and the answer (atomic or in steps) lists every key not done;
 * - delete: each key (`DELETE /api/v1/kv?key=`) and folder (`DELETE /api/v1/kv?prefix=`);
 * - export: a download of the selection (`GET /api/v1/export` with repeated `key`/`prefix`, and
 *   `revision=R` in the explorer's past view).
 * @prop action  what to do
 * @prop items   the selected rows, without those a selected folder covers (normaliseMarked)
 * @prop onClose close (Cancel, ×, Escape)
 * @prop onDone  the action was applied and the user closed its result (Done): the selection is then cleared
 */
export function BulkActionDialog({
  action,
  items,
  onClose,
  onDone,
}: {
  action: BulkAction;
  items: MarkedItem[];
  onClose: () => void;
  onDone: () => void;
}) {
  return (
    <Dialog label={TITLES[action]} onClose={onClose} wide={action === "copy" || action === "move"}>
      {action === "export" ? (
        <ExportBody items={items} />
      ) : action === "delete" ? (
        <DeleteBody items={items} onClose={onClose} onDone={onDone} />
      ) : (
        <CopyBody items={items} move={action === "move"} onClose={onClose} onDone={onDone} />
      )}
    </Dialog>
  );
}

function ItemList({ items }: { items: MarkedItem[] }) {
  return (
    <ul
      aria-label="Selected"
      className="max-h-48 overflow-auto rounded bg-slate-50 p-2 font-mono text-xs"
    >
      {items.map((it) => (
        <li key={`${it.kind}:${it.encoding}:${it.key}`}>
          {displayKey(it.key, it.encoding)}
          {it.kind === "folder" ? (
            <span className="text-slate-500"> (folder: every key under it)</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function ExportBody({ items }: { items: MarkedItem[] }) {
  // In the explorer's past view, export what it shows: the keyspace as of that revision.
  const revision = useAsOfRevision();
  const params: [string, string][] = [];
  for (const it of items) params.push([it.kind === "folder" ? "prefix" : "key", it.key]);
  if (revision !== null) params.push(["revision", revision]);
  const base64 = items.filter((it) => it.encoding === "base64");
  return (
    <>
      <p className="mb-2 text-sm">One file, every key at one revision:</p>
      <ItemList items={items} />
      <div className="mt-3">
        {base64.length ? (
          <p className="text-sm text-rose-700">
            Binary names cannot be exported from a selection yet; export their folder.
          </p>
        ) : (
          <ExportDownload params={params} />
        )}
      </div>
    </>
  );
}

function DeleteBody({
  items,
  onClose,
  onDone,
}: {
  items: MarkedItem[];
  onClose: () => void;
  onDone: () => void;
}) {
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run() {
    setBusy(true);
    setError(null);
    try {
      for (const it of items) {
        if (it.kind === "folder")
          await deletePrefix({ prefix: it.key, prefixEncoding: it.encoding });
        else {
          await apiFetch("/kv", {
            method: "DELETE",
            params: { key: it.key, keyEncoding: it.encoding === "utf8" ? undefined : it.encoding },
          }).catch((e: unknown) => {
            if (!isApiError(e, "key_not_found")) throw e;
          });
        }
      }
      await qc.invalidateQueries({ queryKey: kvKeys.all });
      onDone();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <p className="mb-2 text-sm">
        This deletes {items.length} {items.length === 1 ? "item" : "items"}:
      </p>
      <ItemList items={items} />
      <DialogFooter error={error} onCancel={onClose}>
        <Button variant="danger" disabled={busy} onClick={() => void run()}>
          Delete {items.length} {items.length === 1 ? "item" : "items"}
        </Button>
      </DialogFooter>
    </>
  );
}

const ACTION_TEXT: Record<string, string> = {
  create: "create",
  update: "overwrite",
  unchanged: "unchanged (same value)",
  conflict: "exists: skipped",
  missing: "source gone",
};

function defaultDestination(items: MarkedItem[]): string {
  const first = items[0];
  if (!first || first.encoding !== "utf8") return "/";
  const parent = parentFolder({
    key: first.kind === "folder" ? first.key.slice(0, -1) : first.key,
    keyEncoding: "utf8",
  });
  return parent.prefixEncoding === "utf8" ? parent.prefix : "/";
}

function CopyBody({
  items,
  move,
  onClose,
  onDone,
}: {
  items: MarkedItem[];
  move: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const qc = useQueryClient();
  const [dest, setDest] = useState(() => defaultDestination(items));
  const [mode, setMode] = useState<WriteMode>("create-only");
  const [preview, setPreview] = useState<CopyResponse | null>(null);
  const [result, setResult] = useState<CopyResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputs = items
    .map((it) => copyItemInto(it, dest))
    .filter((x): x is CopyItemInput => x !== null);
  const verb = move ? "Move" : "Copy";

  async function call(dryRun: boolean) {
    setBusy(true);
    setError(null);
    try {
      const res = await copyItems({ items: inputs, mode, move, dryRun });
      if (dryRun) setPreview(res);
      else {
        setResult(res);
        await qc.invalidateQueries({ queryKey: kvKeys.all });
      }
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  if (result) {
    const notDone = result.items.filter(
      (i) => i.outcome !== "created" && i.outcome !== "updated" && i.outcome !== "unchanged",
    );
    return (
      <>
        <p role="status" className="text-sm">
          {verb === "Move" ? "Moved" : "Copied"}:{" "}
          {Object.entries(result.counts)
            .map(([k, v]) => `${v} ${k}`)
            .join(", ")}
          .
        </p>
        <p className="mt-1 text-xs text-slate-600">{result.statement}</p>
        {result.error ? <p className="mt-1 text-sm text-rose-700">{result.error.message}</p> : null}
        {notDone.length ? (
          <ul aria-label="Not done" className="mt-2 max-h-48 overflow-auto font-mono text-xs">
            {notDone.map((i) => (
              <li key={`${i.fromEncoding}:${i.from}`}>
                {displayKey(i.from, i.fromEncoding)}: {i.outcome} {i.reason ? `(${i.reason})` : ""}
              </li>
            ))}
          </ul>
        ) : null}
        <div className="mt-4 flex justify-end">
          <Button variant="primary" onClick={onDone}>
            Done
          </Button>
        </div>
      </>
    );
  }

  const writes = preview
    ? preview.items.filter((i) => i.action === "create" || i.action === "update").length
    : 0;
  return (
    <>
      <ItemList items={items} />
      <div className="mt-3 flex flex-wrap items-end gap-3">
        <label className="flex-1 text-sm">
          Destination folder
          <Input
            value={dest}
            onChange={(e) => {
              setDest(e.target.value);
              setPreview(null);
            }}
            className="mt-1 block w-full font-mono"
            spellCheck={false}
          />
        </label>
        <label className="text-sm">
          If a key exists
          <select
            value={mode}
            onChange={(e) => {
              setMode(e.target.value as WriteMode);
              setPreview(null);
            }}
            className="mt-1 block rounded border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            <option value="create-only">skip it</option>
            <option value="overwrite">overwrite it</option>
          </select>
        </label>
        <Button disabled={busy || !inputs.length} onClick={() => void call(true)}>
          Preview
        </Button>
      </div>
      {preview ? (
        <div className="mt-3">
          <p role="status" className="text-sm">
            {preview.items.length} {preview.items.length === 1 ? "key" : "keys"}:{" "}
            {Object.entries(preview.counts)
              .map(([k, v]) => `${v} ${ACTION_TEXT[k] ?? k}`)
              .join(", ")}
            .{move ? " Each source key is deleted in the same transaction as its copy." : ""}
          </p>
          <table aria-label="Plan" className="mt-2 w-full text-left font-mono text-xs">
            <thead>
              <tr className="text-slate-500">
                <th className="font-medium">from</th>
                <th className="font-medium">to</th>
                <th className="font-medium">plan</th>
              </tr>
            </thead>
            <tbody>
              {preview.items.slice(0, 500).map((i) => (
                <tr key={`${i.fromEncoding}:${i.from}`}>
                  <td className="pr-2 break-all">{displayKey(i.from, i.fromEncoding)}</td>
                  <td className="pr-2 break-all">{displayKey(i.to, i.toEncoding)}</td>
                  <td className={i.action === "conflict" ? "text-rose-700" : ""}>
                    {ACTION_TEXT[i.action]}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {preview.items.length > 500 ? (
            <p className="text-xs text-slate-500">… and {preview.items.length - 500} more</p>
          ) : null}
        </div>
      ) : null}
      <DialogFooter error={error} onCancel={onClose}>
        <Button
          variant="primary"
          disabled={busy || !preview || (writes === 0 && !move)}
          onClick={() => void call(false)}
        >
          {verb}{" "}
          {preview ? `${preview.items.length} ${preview.items.length === 1 ? "key" : "keys"}` : ""}
        </Button>
      </DialogFooter>
    </>
  );
}
