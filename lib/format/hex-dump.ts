/** One line of a hex dump: byte offset, hex column and printable-ASCII column. */
export type HexDumpLine = { offset: string; hex: string; ascii: string };

/**
 * A classic 16-bytes-per-line hex dump (like `xxd`), as plain strings for text rendering.
 * @param bytes    the value's bytes
 * @param maxBytes dump at most this many bytes (default 64 KiB) so huge values stay cheap
 */
export function hexDump(bytes: Uint8Array, maxBytes = 64 * 1024): HexDumpLine[] {
  const lines: HexDumpLine[] = [];
  const end = Math.min(bytes.length, maxBytes);
  for (let off = 0; off < end; off += 16) {
    const row = bytes.subarray(off, Math.min(off + 16, end));
    const hex = Array.from(row, (b) => b.toString(16).padStart(2, "0"));
    const ascii = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : "."));
    lines.push({
      offset: off.toString(16).padStart(8, "0"),
      hex: `${hex.slice(0, 8).join(" ")}  ${hex.slice(8).join(" ")}`.padEnd(48),
      ascii: ascii.join(""),
    });
  }
  return lines;
}
