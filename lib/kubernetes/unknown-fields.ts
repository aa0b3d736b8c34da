/** The generic protobuf view of a field no descriptor names: number, wire type and raw value. */
import type { UnknownField } from "@/lib/contract/kubernetes";
import { WIRE, type WireField } from "./wire";

const MAX_BYTES = 1024;
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Describes one wire field found at JSON path `path` (see UnknownField). */
export function describeUnknown(buf: Uint8Array, f: WireField, path: string): UnknownField {
  const base = { path, field: f.number, wireType: f.wireType };
  if (f.wireType === WIRE.varint) return { ...base, value: String(f.value) };
  const bytes = buf.subarray(f.start, Math.min(f.end, f.start + MAX_BYTES));
  const out: UnknownField = { ...base, value: Buffer.from(bytes).toString("hex") };
  if (f.end - f.start > MAX_BYTES) out.truncated = true;
  if (f.wireType === WIRE.bytes) {
    try {
      const text = utf8.decode(bytes);
      // Printable: no control characters but tab and newlines.
      if (!/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) out.text = text;
    } catch {
      // not UTF-8: hex only
    }
  }
  return out;
}
