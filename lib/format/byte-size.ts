/**
 * Bytes for people, in binary units: 512 → "512 B", 1536 → "1.5 KiB", 123456789 → "118 MiB"
 * (one decimal below 100, none above). Used wherever the UI shows a size (DB sizes, space
 * analytics, value sizes).
 */
export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v} B` : `${v.toFixed(v >= 100 ? 0 : 1)} ${units[u]}`;
}
