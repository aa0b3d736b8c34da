import Link from "next/link";
import { displayKey } from "@/lib/format/display-key";
import { parentFolder, type KeyRef } from "@/lib/format/key-path";

/**
 * "What changed in F since this event": opens the explorer's "What changed" view for the
 * event key's folder F, from the revision just before the event (so the event itself is among
 * the changes) to now. A plain link to `?view=changes&prefix=F&from=R-1`, so it can also open
 * in a new tab.
 * @prop keyRef    the event's key
 * @prop revision  the event's revision (decimal)
 */
export function WhatChangedLink({ keyRef, revision }: { keyRef: KeyRef; revision: string }) {
  const folder = parentFolder(keyRef);
  const qs = new URLSearchParams({ view: "changes", prefix: folder.prefix });
  if (folder.prefixEncoding === "base64") qs.set("prefixEncoding", "base64");
  const from = BigInt(revision) - 1n;
  // Revisions start at 1 (the gateway refuses 0).
  qs.set("from", (from > 1n ? from : 1n).toString());
  const shown =
    folder.prefix === "" ? "all keys" : displayKey(folder.prefix, folder.prefixEncoding);
  return (
    <Link href={`/?${qs.toString()}`} scroll={false} className="font-sans text-sky-800 underline">
      What changed in {shown} since this event
    </Link>
  );
}
