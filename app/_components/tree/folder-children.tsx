"use client";

import type { FolderRef } from "@/lib/format/key-path";
import { useTreeQuery } from "@/lib/query/use-tree-query";
import { useTreeContext } from "./tree-context";
import { VirtualChildren } from "./virtual-children";

/** Above this many loaded children a folder renders through the virtualizer. */
const VIRTUAL_THRESHOLD = 100;

/**
 * The children of one open folder: loads pages of `GET /api/v1/tree` (one infinite query per
 * folder), shows loading and error rows, and virtualizes long folders. A folder etcd won't list
 * (a `restricted` answer) says so above the rows leading into what the user may read.
 * @prop folder  the folder's prefix
 * @prop level   aria-level of its children
 */
export function FolderChildren({ folder, level }: { folder: FolderRef; level: number }) {
  const q = useTreeQuery(folder);
  const { renderRow } = useTreeContext();
  const indent = { paddingLeft: `${(level - 1) * 14 + 24}px` };

  if (q.isPending) {
    return (
      <p style={indent} className="h-7 py-1 text-xs text-slate-500">
        Loading…
      </p>
    );
  }
  if (q.isError) {
    return (
      <div style={indent} className="flex items-center gap-2 py-1 text-xs text-rose-700">
        <span>Could not load: {q.error.message}</span>
        <button type="button" className="underline" onClick={() => void q.refetch()}>
          Retry
        </button>
      </div>
    );
  }
  const children = q.data.pages.flatMap((p) => p.children);
  const restricted = q.data.pages[0]?.restricted ? (
    <p style={indent} className="py-1 text-xs text-amber-700 italic">
      etcd denies listing this folder; showing only the way to keys you may read.
    </p>
  ) : null;
  if (children.length === 0) {
    return (
      <p style={indent} className="h-7 py-1 text-xs text-slate-500 italic">
        {level === 1 ? "The keyspace is empty." : "No keys."}
      </p>
    );
  }
  if (children.length > VIRTUAL_THRESHOLD || q.hasNextPage) {
    return (
      <VirtualChildren
        items={children}
        level={level}
        hasNextPage={q.hasNextPage}
        isFetchingNextPage={q.isFetchingNextPage}
        fetchNextPage={() => void q.fetchNextPage()}
      />
    );
  }
  return (
    <>
      {restricted}
      {children.map((child, i) => renderRow(child, level, i + 1, children.length))}
    </>
  );
}
