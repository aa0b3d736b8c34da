import { isWellFormedText, type Encoding } from "@/lib/contract";
import { base64ToBytes, bytesToBase64, bytesToUtf8, decodeBytes, utf8ToBytes } from "./bytes";

/**
 * Why a value's bytes are not text (and so are never put in a text editor, where a keystroke
 * could silently rewrite bytes the user never saw):
 * - `k8s-protobuf`: starts with Kubernetes' `k8s\0` storage magic (a protobuf object);
 * - `invalid-utf8`: not valid UTF-8;
 * - `control-bytes`: valid UTF-8 holding control characters other than tab, LF and CR
 *   (U+0000–U+001F, DEL and the C1 range U+0080–U+009F), which an editor shows as placeholders.
 */
export type NotTextReason = "k8s-protobuf" | "invalid-utf8" | "control-bytes";

/** One sentence per {@link NotTextReason}, for the UI. */
export const NOT_TEXT_NOTE: Record<NotTextReason, string> = {
  "k8s-protobuf": "a Kubernetes protobuf object (it starts with k8s\\0)",
  "invalid-utf8": "not valid UTF-8",
  "control-bytes": "contains control bytes other than tab, CR and LF",
};

const K8S_MAGIC = [0x6b, 0x38, 0x73, 0x00]; // "k8s\0"
// Tab (09), LF (0a) and CR (0d) are ordinary text; every other C0 control, DEL and C1 is not.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/**
 * The non-text rule: whether these bytes may be edited as text.
 * @param bytes  a value exactly as stored in etcd
 * @returns why they are not text, or null when they are text (valid UTF-8, no control bytes
 *          besides tab/LF/CR, not a `k8s\0` object)
 */
export function notTextReason(bytes: Uint8Array): NotTextReason | null {
  if (K8S_MAGIC.every((b, i) => bytes[i] === b)) return "k8s-protobuf";
  const text = bytesToUtf8(bytes);
  if (text === null) return "invalid-utf8";
  return CONTROL.test(text) ? "control-bytes" : null;
}

/**
 * How the editor holds a value: as text (its exact characters), or — for bytes that are not
 * text — as base64 of the exact bytes, with the reason.
 */
export type EditForm =
  { mode: "text"; text: string } | { mode: "base64"; text: string; reason: NotTextReason };

/**
 * The editor's starting form for a value as the API sends it (`value` + `valueEncoding`).
 * An undecodable base64 `value` (never sent by the gateway) counts as invalid UTF-8.
 */
export function editForm(value: string, encoding: Encoding): EditForm {
  const bytes = decodeBytes(value, encoding);
  if (!bytes) return { mode: "base64", text: value, reason: "invalid-utf8" };
  const reason = notTextReason(bytes);
  // A base64 value from the API is already the exact bytes' base64 (re-encoding 1.5 MiB costs
  // ~150 ms); UTF-8 values with control bytes are encoded here.
  if (reason) {
    return { mode: "base64", text: encoding === "base64" ? value : bytesToBase64(bytes), reason };
  }
  return { mode: "text", text: encoding === "utf8" ? value : (bytesToUtf8(bytes) ?? "") };
}

/**
 * What a save sends for the editor's text, so the stored bytes are exactly the edited ones.
 * Text goes as `utf8` (the JSON string's characters, re-encoded by the gateway unchanged);
 * base64 goes as `base64` with whitespace removed.
 * @returns an error message instead when the text cannot be stored as typed: invalid base64,
 *          or text holding a lone UTF-16 surrogate (it has no UTF-8 form).
 */
export function valueToSend(
  text: string,
  mode: EditForm["mode"],
): { value: string; valueEncoding: Encoding } | { error: string } {
  if (mode === "base64") {
    const value = text.replace(/\s+/g, "");
    return decodeBytes(value, "base64")
      ? { value, valueEncoding: "base64" }
      : { error: "Invalid base64: use A–Z, a–z, 0–9, + and / with = padding." };
  }
  if (!isWellFormedText(text)) {
    return { error: "The text holds a lone UTF-16 surrogate, which cannot be stored as UTF-8." };
  }
  return { value: text, valueEncoding: "utf8" };
}

/** The bytes of the editor's text (`mode` as in {@link EditForm}); null for invalid base64. */
export function editedBytes(text: string, mode: EditForm["mode"]): Uint8Array | null {
  // Text goes through as typed (a lone surrogate becomes U+FFFD here: valueToSend refuses it).
  return mode === "base64" ? base64ToBytes(text) : utf8ToBytes(text);
}
