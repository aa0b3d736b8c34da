import type { KvDto } from "@/lib/contract";
import { editForm } from "@/lib/format/value-text";

/**
 * The other writer's value, read-only beside the editor after "Keep editing" in the conflict
 * dialog, so the next save never overwrites it unseen. Text as is; values that are not text as
 * base64 (the editor's form). Rendered as a text node, never HTML.
 * @prop kv  the key as the conflict reported it (`details.current`)
 */
export function TheirVersion({ kv }: { kv: KvDto }) {
  const form = editForm(kv.value, kv.valueEncoding);
  return (
    <section
      aria-label="Their version"
      className="flex h-[50vh] flex-col overflow-hidden rounded-md border border-amber-300 bg-amber-50"
    >
      <h3 className="border-b border-amber-200 px-2 py-1 text-xs font-semibold text-amber-900">
        Their version (modRevision {kv.modRevision}, version {kv.version}
        {form.mode === "base64" ? ", base64" : ""}) — your save replaces it
      </h3>
      <pre className="min-h-0 flex-1 overflow-auto p-2 font-mono text-xs whitespace-pre-wrap break-all">
        {form.text}
      </pre>
    </section>
  );
}
