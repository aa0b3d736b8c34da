"use client";

import type { FolderRef } from "@/lib/format/key-path";
import { useEffect } from "react";
import type { TreeChild } from "@/lib/contract";
import { useTreeQuery } from "@/lib/query/use-tree-query";
import { useTreeContext } from "./tree-context";
import { useRevealInFolder } from "./use-reveal";
import { VirtualChildren } from "./virtual-children";

const NO_CHILDREN: TreeChild[] = [];

/** Above this many loaded children a folder renders through the virtualizer. */
const VIRTUAL_THRESHOLD = 100;

/**
 * The children of one open folder: loads pages of `GET /api/v1/tree` (one infinite query per
 * folder), shows loading and error rows, and virtualizes long folders. A folder etcd won't list
 * (a `restricted` answer) says so above the rows leading into what the user may read. When the
 * selection is one of its children, it pages to that row and scrolls it into view (reveal).
 * @prop folder  the folder's prefix
 * @prop level   aria-level of its children
 */
export function FolderChildren({ folder, level }: { folder: FolderRef; level: number }) {
  const q = useTreeQuery(folder);
  const { renderRow, reveal, revealRow, rowDomId } = useTreeContext();
  const indent = { paddingLeft: `${(level - 1) * 14 + 24}px` };
  const children = q.data?.pages.flatMap((p) => p.children) ?? NO_CHILDREN;
  const { index, seeking, pending } = useRevealInFolder(folder, children, q);
  const virtual = children.length > VIRTUAL_THRESHOLD || q.hasNextPage;
  const revealDomId = pending ? rowDomId(children[index]) : null;
  const onRevealed = () => {
    if (revealDomId && reveal) revealRow(revealDomId, reveal);
  };
  useEffect(() => {
    // A short list renders every row: reveal at once (the virtualized list scrolls first).
    if (revealDomId && reveal && !virtual) revealRow(revealDomId, reveal);
  }, [revealDomId, reveal, virtual, revealRow]);

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
  if (virtual) {
    return (
      <>
        {seeking ? (
          <p role="status" style={indent} className="py-1 text-xs text-slate-500">
            Finding the selected key… {children.length.toLocaleString()} rows loaded
          </p>
        ) : null}
        <VirtualChildren
          items={children}
          level={level}
          hasNextPage={q.hasNextPage}
          isFetchingNextPage={q.isFetchingNextPage}
          fetchNextPage={() => void q.fetchNextPage()}
          revealIndex={pending ? index : -1}
          onRevealed={onRevealed}
        />
      </>
    );
  }
  return (
    <>
      {restricted}
      {children.map((child, i) => renderRow(child, level, i + 1, children.length))}
    </>
  );
}
