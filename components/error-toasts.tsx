"use client";

import { X } from "lucide-react";
import { dismissToast, useErrorState } from "@/lib/query/error-store";

/**
 * Errors that no component shows inline (from the global error path), as dismissible toasts in
 * the bottom-right corner. Text only, never HTML.
 */
export function ErrorToasts() {
  const { toasts } = useErrorState();
  if (toasts.length === 0) return null;
  return (
    <div role="status" className="fixed right-4 bottom-4 z-50 flex w-96 flex-col gap-2">
      {toasts.map((t) => (
        <div
          key={t.id}
          className="flex items-start gap-2 rounded-md border border-rose-200 bg-white px-3 py-2 text-sm text-rose-800 shadow-lg"
        >
          <span className="flex-1 break-words">{t.message}</span>
          <button
            type="button"
            aria-label="Dismiss error"
            className="text-slate-500 hover:text-slate-900"
            onClick={() => dismissToast(t.id)}
          >
            <X aria-hidden size={16} />
          </button>
        </div>
      ))}
    </div>
  );
}
