const MiB = 1024 * 1024;

/** Bytes as "12.3 MiB" or "456 KiB". */
export function formatSize(bytes: number): string {
  return bytes >= MiB ? `${(bytes / MiB).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(0)} KiB`;
}
