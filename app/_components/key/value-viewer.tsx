import type { KvDto } from "@/lib/contract";
import { decodeBytes } from "@/lib/format/bytes";
import { prettyJson, type ValueFormat } from "@/lib/format/detect-format";
import { hexDump } from "@/lib/format/hex-dump";

/** Bytes shown in the hex view before it is cut off. */
const HEX_LIMIT = 64 * 1024;

/**
 * A read-only view of a value: JSON pretty-printed, YAML and text as is, binary as a hex dump.
 * Always text nodes inside `<pre>`, never HTML.
 * @prop format  from detectFormat
 */
export function ValueViewer({ kv, format }: { kv: KvDto; format: ValueFormat }) {
  const cls =
    "max-h-[65vh] overflow-auto rounded-md border border-slate-200 bg-white p-3 font-mono text-[13px] leading-5 whitespace-pre";
  if (format === "binary") {
    // Binary also covers UTF-8 values that are not text (control bytes, k8s\0), sent as utf8.
    const bytes = decodeBytes(kv.value, kv.valueEncoding) ?? new Uint8Array();
    const lines = hexDump(bytes, HEX_LIMIT);
    return (
      <div>
        <pre aria-label="Value (hex)" className={cls}>
          {lines.map((l) => `${l.offset}  ${l.hex}  |${l.ascii}|`).join("\n")}
        </pre>
        {bytes.length > HEX_LIMIT ? (
          <p className="mt-1 text-xs text-slate-500">
            Showing the first {HEX_LIMIT.toLocaleString("en-US")} of{" "}
            {bytes.length.toLocaleString("en-US")} bytes.
          </p>
        ) : null}
      </div>
    );
  }
  const text = format === "json" ? prettyJson(kv.value) : kv.value;
  return (
    <pre aria-label="Value" className={cls}>
      {text === "" ? <span className="text-slate-500 italic">(empty value)</span> : text}
    </pre>
  );
}
