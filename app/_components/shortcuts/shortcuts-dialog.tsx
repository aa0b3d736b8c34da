"use client";

import { Dialog } from "@/components/ui/dialog";
import { SHORTCUTS, TREE_KEYS } from "./shortcuts";

function KeyList({ rows }: { rows: readonly { label: string; description: string }[] }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1.5 text-sm">
      {rows.map((r) => (
        <div key={r.label} className="contents">
          <dt>
            <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs">
              {r.label}
            </kbd>
          </dt>
          <dd className="text-slate-700">{r.description}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * The keyboard help (`?`): the explorer's shortcuts (from SHORTCUTS, the table the components
 * bind) and the key tree's keys. A modal dialog; Escape or Close closes it.
 * @prop onClose  called on Escape or Close; the parent unmounts the dialog
 */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog label="Keyboard shortcuts" onClose={onClose}>
      <div className="flex flex-col gap-4">
        <section aria-label="Shortcuts">
          <KeyList rows={Object.values(SHORTCUTS)} />
          <p className="mt-2 text-xs text-slate-500">
            Shortcuts don’t fire while you type in a text field or the editor, except save.
          </p>
        </section>
        <section aria-label="Key tree">
          <h3 className="mb-1.5 text-sm font-semibold">In the key tree</h3>
          <KeyList rows={TREE_KEYS} />
        </section>
      </div>
    </Dialog>
  );
}
