"use client";

import { ResponsiveContainer, Treemap, type TreemapNode } from "recharts";
import type { StatsChild } from "@/lib/contract";
import { formatBytes, type TreemapCell } from "./space-model";

/** Cell colours: folders amber, keys slate (both readable under white labels). */
const FOLDER_FILL = "#b45309";
const KEY_FILL = "#475569";

/**
 * The analysed folder's children as a treemap (recharts), each cell's area its key + value
 * bytes. Clicking a folder cell drills into it; clicking a key cell opens the key. Each cell is
 * an SVG group named "name, size, N keys" (`aria-label`) for screen readers and tests; the
 * dialog also lists the same children as buttons.
 * @prop cells    the children with bytes, biggest first
 * @prop onChild  a cell was clicked
 */
export function SpaceTreemap({
  cells,
  onChild,
}: {
  cells: TreemapCell[];
  onChild: (child: StatsChild) => void;
}) {
  return (
    <div data-testid="space-treemap" className="h-80 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <Treemap
          data={cells}
          dataKey="size"
          nameKey="name"
          isAnimationActive={false}
          content={(node: TreemapNode) => <Cell node={node} onChild={onChild} />}
        />
      </ResponsiveContainer>
    </div>
  );
}

/** One rectangle with its name (and size when there is room). */
function Cell({ node, onChild }: { node: TreemapNode; onChild: (child: StatsChild) => void }) {
  const child = node.child as StatsChild | undefined;
  // The root node (depth 0) spans everything; only the children are drawn.
  if (!child || node.depth !== 1) return <g />;
  const { x, y, width, height } = node;
  const label = `${node.name}, ${formatBytes(child.bytes)}, ${Number(child.keys).toLocaleString("en-US")} keys`;
  return (
    <g
      role="button"
      aria-label={label}
      data-cell={node.name}
      onClick={() => onChild(child)}
      className="cursor-pointer"
    >
      <rect
        x={x}
        y={y}
        width={width}
        height={height}
        fill={child.folder ? FOLDER_FILL : KEY_FILL}
        stroke="#fff"
        strokeWidth={2}
      />
      {width > 48 && height > 18 ? (
        <text x={x + 6} y={y + 16} fill="#fff" fontSize={12} className="pointer-events-none">
          {node.name.length * 7 > width - 10
            ? `${node.name.slice(0, Math.max(1, Math.floor((width - 16) / 7)))}…`
            : node.name}
        </text>
      ) : null}
      {width > 60 && height > 36 ? (
        <text x={x + 6} y={y + 32} fill="#fff" fontSize={11} className="pointer-events-none">
          {formatBytes(child.bytes)}
        </text>
      ) : null}
    </g>
  );
}
