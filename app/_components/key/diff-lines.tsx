import type { DiffLine } from "../../../lib/format/value-diff";

const OP_CLASS: Record<DiffLine["op"], string> = {
  "+": "bg-emerald-50 text-emerald-900",
  "-": "bg-rose-50 text-rose-900",
  " ": "text-slate-600",
};

/**
 * A line diff as text (never HTML): one row per line, `- ` for removed, `+ ` for added and two
 * spaces for context. A carriage return shows as a dimmed `\r`, so a CRLF-vs-LF change is visible.
 * @prop lines  from lineDiff / valueDiff
 * @prop label  accessible name of the block
 */
export function DiffLines({ lines, label }: { lines: DiffLine[]; label: string }) {
  return (
    <pre
      aria-label={label}
      className="max-h-64 overflow-auto rounded-md border border-slate-200 bg-white font-mono text-xs"
    >
      {lines.map((line, i) => (
        <span key={i} className={`block px-1.5 whitespace-pre-wrap break-all ${OP_CLASS[line.op]}`}>
          {line.op} <LineText text={line.text} />
        </span>
      ))}
    </pre>
  );
}

/** One line's text with each carriage return shown as a dimmed `\r` marker. */
function LineText({ text }: { text: string }) {
  const parts = text.split("\r");
  return parts.map((part, i) => (
    <span key={i}>
      {part}
      {i < parts.length - 1 ? (
        <span title="carriage return (CR)" className="text-slate-600">
          {"\\r"}
        </span>
      ) : null}
    </span>
  ));
}
