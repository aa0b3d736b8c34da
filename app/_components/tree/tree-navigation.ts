/**
 * Where the tree's arrow keys, Home/End and type-ahead go, read from the DOM: the rendered
 * `role="treeitem"` rows in document order are the visible rows in screen order (an open
 * folder's group follows its row). A virtualized folder renders only the rows near its scroll
 * position (plus overscan), so moving one row at a time always finds the neighbour rendered, and
 * Home/End scroll those lists to their ends first (see {@link edgeRow}).
 */

/** Marks a virtualized folder's scroll box (VirtualChildren). */
export const VIRTUAL_BOX_ATTR = "data-virtual-folder";

/** The tree's rendered rows, in screen order. */
export function treeRows(tree: HTMLElement): HTMLElement[] {
  return Array.from(tree.querySelectorAll<HTMLElement>('[role="treeitem"]'));
}

/** A row's aria-level (1 for the root's children). */
export function rowLevel(row: HTMLElement): number {
  return Number(row.getAttribute("aria-level"));
}

/** The row above `row` one level up (its parent folder), or null at level 1. */
export function parentRow(rows: HTMLElement[], row: HTMLElement): HTMLElement | null {
  const level = rowLevel(row);
  for (let i = rows.indexOf(row) - 1; i >= 0; i--) {
    if (rowLevel(rows[i]) === level - 1) return rows[i];
  }
  return null;
}

/**
 * An open folder's first child row, or null while its children are loading or it has none. A
 * virtualized child list scrolled down is scrolled back to its top first, so its first row is
 * rendered.
 */
export async function firstChildRow(
  tree: HTMLElement,
  row: HTMLElement,
): Promise<HTMLElement | null> {
  const group = row.nextElementSibling;
  const box =
    group?.getAttribute("role") === "group"
      ? group.querySelector<HTMLElement>(`:scope > [${VIRTUAL_BOX_ATTR}]`)
      : null;
  if (box && box.scrollTop > 0) {
    box.scrollTop = 0;
    await renderedScroll();
  }
  const rows = treeRows(tree);
  const next = rows[rows.indexOf(row) + 1];
  return next && rowLevel(next) === rowLevel(row) + 1 ? next : null;
}

/**
 * Type-ahead: the next row after `from` (wrapping) whose name starts with `typed`, ignoring
 * case. A repeated single character (`"cc"`) cycles through the rows starting with it, as in
 * file managers. Only rendered rows are searched (a virtualized folder's far rows are not).
 */
export function typeaheadRow(
  rows: HTMLElement[],
  from: HTMLElement | null,
  typed: string,
): HTMLElement | null {
  const lower = typed.toLocaleLowerCase();
  const repeated = [...lower].every((c) => c === lower[0]);
  const needle = repeated ? lower[0] : lower;
  const start = from ? rows.indexOf(from) : -1;
  // A longer needle may still match the current row ("co" then "con"); a new search moves on.
  const offset = needle.length > 1 ? 0 : 1;
  for (let n = 0; n < rows.length; n++) {
    const row = rows[(start + offset + n + rows.length) % rows.length];
    const name = (row.getAttribute("aria-label") ?? "").toLocaleLowerCase();
    if (name.startsWith(needle)) return row;
  }
  return null;
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** Resolves once a scroll just set has been rendered: the virtualizer re-renders on the scroll
 * event, which the browser fires with the next frame. */
async function renderedScroll(): Promise<void> {
  await nextFrame();
  await nextFrame();
}

/**
 * The tree's first (`"first"`) or last (`"last"`) row. Virtualized folders on the way are
 * scrolled to their top or bottom until the edge row is rendered (a bounded number of frames;
 * scrolling a paged folder to its end also loads its next page, and End then lands on the last
 * row loaded so far).
 */
export async function edgeRow(
  tree: HTMLElement,
  edge: "first" | "last",
): Promise<HTMLElement | null> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const rows = treeRows(tree);
    const row = edge === "first" ? rows[0] : rows.at(-1);
    if (!row) return null;
    let scrolled = false;
    for (
      let box = row.closest<HTMLElement>(`[${VIRTUAL_BOX_ATTR}]`);
      box && tree.contains(box);
      box = box.parentElement?.closest<HTMLElement>(`[${VIRTUAL_BOX_ATTR}]`) ?? null
    ) {
      const target = edge === "first" ? 0 : box.scrollHeight - box.clientHeight;
      if (Math.abs(box.scrollTop - target) > 1) {
        box.scrollTop = target;
        scrolled = true;
      }
    }
    if (!scrolled) return row;
    await renderedScroll();
  }
  const rows = treeRows(tree);
  return (edge === "first" ? rows[0] : rows.at(-1)) ?? null;
}
