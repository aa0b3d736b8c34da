import { EXPORT_FORMAT, type CompareResponse } from "@/lib/contract";

/**
 * The import file (`etcd-explorer/v1` NDJSON, docs/bulk.md) that "Copy selected left → right"
 * sends: for each ticked relative key with a left side, the right prefix the compare read plus
 * that key, holding the left value exactly as the compare showed it (so a left revision copies
 * the past value, not the current one). The header's prefix is empty: keys are written as
 * given, no re-rooting. Sent with `mode=overwrite&planRevision=<right side's revision>`, every
 * put is guarded by the destination's mod revision at the revision the compare read: a right
 * key created or changed since then is a `conflict`, not overwritten.
 * @param res     the comparison shown
 * @param ticked  relative UTF-8 keys (CompareEntry.key) to copy
 * @returns the file's text, or null when there is nothing to copy or the prefixes are not UTF-8
 */
export function compareCopyFile(res: CompareResponse, ticked: ReadonlySet<string>): string | null {
  if (res.right.prefixEncoding !== "utf8") return null;
  const lines = res.entries
    .filter((e) => ticked.has(e.key) && e.keyEncoding === "utf8" && e.left)
    .map((e) =>
      JSON.stringify({
        key: res.right.prefix + e.key,
        keyEncoding: "utf8",
        value: e.left!.value,
        valueEncoding: e.left!.valueEncoding,
      }),
    );
  if (!lines.length) return null;
  const header = JSON.stringify({
    format: EXPORT_FORMAT,
    prefix: "",
    prefixEncoding: "utf8",
    revision: res.left.revision,
  });
  return [header, ...lines].join("\n") + "\n";
}
