"use client";

import { Button } from "@/components/ui/button";

/** What the selection bar can start. */
export type BulkAction = "delete" | "export" | "copy" | "move";

/**
 * The bar above the tree while rows are multi-selected: how many, and Delete / Export /
 * Copy to… / Move to… / Clear (writes hidden in read-only mode). Each action opens one
 * confirmation dialog (BulkActionDialog).
 * @prop count     selected rows
 * @prop readOnly  hide the write actions
 * @prop onAction  the chosen action
 * @prop onClear   clear the selection
 */
export function SelectionBar({
  count,
  readOnly,
  onAction,
  onClear,
}: {
  count: number;
  readOnly: boolean;
  onAction: (a: BulkAction) => void;
  onClear: () => void;
}) {
  return (
    <div
      role="toolbar"
      aria-label="Selection"
      className="flex flex-wrap items-center gap-1 border-b border-slate-200 bg-sky-50 px-3 py-1.5"
    >
      <span className="mr-1 text-xs font-medium text-sky-900">{count} selected</span>
      {readOnly ? null : (
        <>
          <Button size="sm" onClick={() => onAction("move")}>
            Move to…
          </Button>
          <Button size="sm" onClick={() => onAction("copy")}>
            Copy to…
          </Button>
        </>
      )}
      <Button size="sm" onClick={() => onAction("export")}>
        Export
      </Button>
      {readOnly ? null : (
        <Button size="sm" variant="danger" onClick={() => onAction("delete")}>
          Delete
        </Button>
      )}
      <Button size="sm" variant="ghost" onClick={onClear}>
        Clear
      </Button>
    </div>
  );
}
