"use client";

import { X } from "lucide-react";
import { useEffect, useRef, type ReactNode } from "react";

/**
 * A modal dialog on the native `<dialog>` element (focus trap, Escape, backdrop for free).
 * @prop label    accessible name (`aria-label`), also shown as the title
 * @prop onClose  called on Escape or the close button; the parent unmounts the dialog
 * @prop wide     a wider dialog (for side-by-side comparisons)
 */
export function Dialog({
  label,
  onClose,
  wide = false,
  children,
}: {
  label: string;
  onClose: () => void;
  wide?: boolean;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el && !el.open) el.showModal();
    return () => el?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      aria-label={label}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className={`m-auto w-full rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40 dark:backdrop:bg-black/60 ${wide ? "max-w-5xl" : "max-w-lg"}`}
    >
      <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
        <h2 className="text-base font-semibold">{label}</h2>
        <button
          type="button"
          aria-label="Close"
          onClick={onClose}
          className="rounded p-1 text-slate-500 hover:bg-slate-100"
        >
          <X aria-hidden size={18} />
        </button>
      </div>
      <div className="max-h-[80vh] overflow-auto px-4 py-3">{children}</div>
    </dialog>
  );
}
