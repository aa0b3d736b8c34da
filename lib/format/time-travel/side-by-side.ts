import type { DiffLine } from "@/lib/format/value-diff";

/** One side of a side-by-side row: 1-based line number on that side and the line's text. */
export type SideCell = { n: number; text: string; changed: boolean };

/** One row of a side-by-side diff; a side is null where that version has no line. */
export type SideRow = { left: SideCell | null; right: SideCell | null };

/**
 * Lay a unified line diff out in two columns (before | after): unchanged lines on both sides,
 * a run of removed lines paired row by row with the run of added lines that follows it (the
 * longer run leaves blanks on the other side).
 * @param lines  from lineDiff / valueDiff (`-` before only, `+` after only, ` ` both)
 */
export function sideBySide(lines: DiffLine[]): SideRow[] {
  const rows: SideRow[] = [];
  let l = 0;
  let r = 0;
  let i = 0;
  while (i < lines.length) {
    if (lines[i].op === " ") {
      l++;
      r++;
      rows.push({
        left: { n: l, text: lines[i].text, changed: false },
        right: { n: r, text: lines[i].text, changed: false },
      });
      i++;
      continue;
    }
    const removed: string[] = [];
    const added: string[] = [];
    while (i < lines.length && lines[i].op === "-") removed.push(lines[i++].text);
    while (i < lines.length && lines[i].op === "+") added.push(lines[i++].text);
    for (let k = 0; k < Math.max(removed.length, added.length); k++) {
      rows.push({
        left: k < removed.length ? { n: ++l, text: removed[k], changed: true } : null,
        right: k < added.length ? { n: ++r, text: added[k], changed: true } : null,
      });
    }
  }
  return rows;
}
