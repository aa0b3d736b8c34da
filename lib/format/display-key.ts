import type { Encoding } from "@/lib/contract";
import { base64ToBytes, bytesToUtf8 } from "./bytes";

/**
 * A key (or name) for display as plain text: control and invisible characters are made visible
 * (`\n`, `\t`, `\x1b`, `\u200b`…) so two keys that look alike can be told apart. Binary (base64)
 * keys show their bytes with non-printables escaped as `\xNN`.
 */
export function displayKey(text: string, encoding: Encoding): string {
  if (encoding === "base64") {
    const bytes = base64ToBytes(text);
    if (!bytes) return text;
    const utf8 = bytesToUtf8(bytes);
    if (utf8 !== null) return escapeInvisible(utf8);
    return Array.from(bytes, (b) =>
      b >= 0x20 && b < 0x7f && b !== 0x5c ? String.fromCharCode(b) : `\\x${hex2(b)}`,
    ).join("");
  }
  return escapeInvisible(text);
}

/** Escape control characters, zero-width and other invisible code points. */
export function escapeInvisible(text: string): string {
  let out = "";
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${hex2(cp)}`;
    else if (isInvisible(cp)) out += `\\u${cp.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return out;
}

function isInvisible(cp: number): boolean {
  return (
    (cp >= 0x80 && cp <= 0x9f) ||
    cp === 0xa0 ||
    cp === 0xad ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x2028 && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2064) ||
    cp === 0xfeff
  );
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, "0");
}
