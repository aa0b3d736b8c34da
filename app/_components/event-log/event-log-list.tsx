"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useRef, useState } from "react";
import type { LogRow } from "./event-log-reducer";
import { EventLogRow } from "./event-log-row";

/** Height of one collapsed log row in pixels (matches the rows' h-6). */
const ROW_PX = 24;

/**
 * The event log's rows, newest first, virtualized so 50k rows scroll smoothly (only the rows in
 * view are in the DOM). Rows are measured, so an expanded event grows its row.
 * @prop rows  the rows to show, oldest first (as the reducer stores them)
 */
export function EventLogList({ rows }: { rows: LogRow[] }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(() => new Set());
  const count = rows.length;
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual is not memoizable
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_PX,
    overscan: 20,
    getItemKey: (i) => rows[count - 1 - i].id,
  });
  const toggle = (id: number) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <div ref={scrollRef} className="min-h-0 flex-1 overflow-auto text-xs">
      {count === 0 ? (
        <p className="p-3 text-slate-500">No events yet. Changes anywhere in etcd show up here.</p>
      ) : (
        <div
          role="list"
          aria-label="Events"
          style={{ height: virtualizer.getTotalSize() }}
          className="relative"
        >
          {virtualizer.getVirtualItems().map((v) => {
            const row = rows[count - 1 - v.index];
            return (
              <div
                key={v.key}
                data-index={v.index}
                ref={virtualizer.measureElement}
                role="listitem"
                className="absolute inset-x-0 top-0 border-b border-slate-100"
                style={{ transform: `translateY(${v.start}px)` }}
              >
                <EventLogRow
                  row={row}
                  expanded={expanded.has(row.id)}
                  onToggle={() => toggle(row.id)}
                />
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}
