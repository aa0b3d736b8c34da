"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import type { Encoding } from "@/lib/contract";
import type { FolderRef, KeyRef } from "@/lib/format/key-path";

/** What the right pane shows: a key, a folder, or nothing. */
export type Selection =
  { kind: "key"; ref: KeyRef } | { kind: "folder"; folder: FolderRef } | { kind: "none" };

function enc(v: string | null): Encoding {
  return v === "base64" ? "base64" : "utf8";
}

/**
 * The selection, kept in the URL so a reload or a shared link opens it:
 * `?key=K[&keyEncoding=base64]` or `?prefix=P[&prefixEncoding=base64]` (`?prefix=` is the root).
 * `select` pushes a history entry (Back returns to the previous key).
 */
export function useSelection(): { selection: Selection; select: (s: Selection) => void } {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const key = params.get("key");
  const keyEncoding = enc(params.get("keyEncoding"));
  const prefix = params.get("prefix");
  const prefixEncoding = enc(params.get("prefixEncoding"));

  const selection = useMemo<Selection>(() => {
    if (key) return { kind: "key", ref: { key, keyEncoding } };
    // `?prefix=` (present, empty) is the root folder: the whole keyspace.
    if (prefix !== null) return { kind: "folder", folder: { prefix, prefixEncoding } };
    return { kind: "none" };
  }, [key, keyEncoding, prefix, prefixEncoding]);

  const select = useCallback(
    (s: Selection) => {
      const qs = new URLSearchParams();
      if (s.kind === "key") {
        qs.set("key", s.ref.key);
        if (s.ref.keyEncoding === "base64") qs.set("keyEncoding", "base64");
      } else if (s.kind === "folder") {
        qs.set("prefix", s.folder.prefix);
        if (s.folder.prefixEncoding === "base64") qs.set("prefixEncoding", "base64");
      }
      const q = qs.toString();
      router.push(q ? `${pathname}?${q}` : pathname, { scroll: false });
    },
    [router, pathname],
  );

  return { selection, select };
}
