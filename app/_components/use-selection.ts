"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import type { Encoding } from "@/lib/contract";
import type { FolderRef, KeyRef } from "@/lib/format/key-path";

/**
 * What the right pane shows: a key, a folder, what changed under a folder between two
 * revisions (`from`, `to`: decimal revisions; `to` null means now), or nothing.
 */
export type Selection =
  | { kind: "key"; ref: KeyRef }
  | { kind: "folder"; folder: FolderRef }
  | { kind: "changes"; folder: FolderRef; from: string; to: string | null }
  | { kind: "none" };

/** A revision parameter as the URL gives it: decimal digits only, else ignored. */
function revisionParam(v: string | null): string | null {
  return v !== null && /^\d{1,19}$/.test(v) ? v : null;
}

function enc(v: string | null): Encoding {
  return v === "base64" ? "base64" : "utf8";
}

/**
 * The selection, kept in the URL so a reload or a shared link opens it:
 * `?key=K[&keyEncoding=base64]` or `?prefix=P[&prefixEncoding=base64]` (`?prefix=` is the root),
 * or `?view=changes&prefix=P&from=A[&to=B]` for the "What changed" view of a folder.
 * `select` pushes a history entry (Back returns to the previous key) and keeps `?revision=R`
 * (a past view stays in the past while the user browses it; see useAsOfParam).
 */
export function useSelection(): { selection: Selection; select: (s: Selection) => void } {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const key = params.get("key");
  const keyEncoding = enc(params.get("keyEncoding"));
  const prefix = params.get("prefix");
  const prefixEncoding = enc(params.get("prefixEncoding"));
  const view = params.get("view");
  const from = revisionParam(params.get("from"));
  const to = revisionParam(params.get("to"));
  const revision = revisionParam(params.get("revision"));

  const selection = useMemo<Selection>(() => {
    if (view === "changes" && prefix !== null && from !== null) {
      return { kind: "changes", folder: { prefix, prefixEncoding }, from, to };
    }
    if (key) return { kind: "key", ref: { key, keyEncoding } };
    // `?prefix=` (present, empty) is the root folder: the whole keyspace.
    if (prefix !== null) return { kind: "folder", folder: { prefix, prefixEncoding } };
    return { kind: "none" };
  }, [key, keyEncoding, prefix, prefixEncoding, view, from, to]);

  const select = useCallback(
    (s: Selection) => {
      const qs = new URLSearchParams();
      if (s.kind === "key") {
        qs.set("key", s.ref.key);
        if (s.ref.keyEncoding === "base64") qs.set("keyEncoding", "base64");
      } else if (s.kind === "folder" || s.kind === "changes") {
        if (s.kind === "changes") qs.set("view", "changes");
        qs.set("prefix", s.folder.prefix);
        if (s.folder.prefixEncoding === "base64") qs.set("prefixEncoding", "base64");
        if (s.kind === "changes") {
          qs.set("from", s.from);
          if (s.to !== null) qs.set("to", s.to);
        }
      }
      // The "What changed" view compares two revisions itself: it always runs live.
      if (revision !== null && s.kind !== "changes") qs.set("revision", revision);
      const q = qs.toString();
      router.push(q ? `${pathname}?${q}` : pathname, { scroll: false });
    },
    [router, pathname, revision],
  );

  return { selection, select };
}
