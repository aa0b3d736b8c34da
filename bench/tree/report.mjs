// Print the tree benchmark's table: gateway vs etcdctl vs raw etcd3, with ratios and targets.

/**
 * @typedef {object} Row
 * @property {string} prefix
 * @property {import('./measure.mjs').Timing} tree     GET /api/v1/tree (first page)
 * @property {import('./measure.mjs').Timing} etcdctl  etcdctl get --prefix --keys-only
 * @property {import('./measure.mjs').Timing} raw      etcd3 keys-only prefix range
 * @property {string} target                           docs/architecture.md, or "—"
 */

/** @param {number} ms */
const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
/** @param {number} r */
const ratio = (r) => (r >= 10 ? r.toFixed(0) : r >= 0.1 ? r.toFixed(2) : r.toFixed(3)) + "×";

/**
 * Print `rows` as an aligned text table (times in ms; ratios are medians divided).
 * @param {Row[]} rows
 * @returns {void}
 */
export function printTable(rows) {
  const header = [
    "prefix",
    "tree page",
    "keys below",
    "tree med",
    "tree p95",
    "etcdctl med",
    "raw med",
    "tree/etcdctl",
    "tree/raw",
    "target (docs/architecture.md)",
  ];
  const lines = rows.map((r) => [
    JSON.stringify(r.prefix),
    r.tree.note ?? "",
    r.raw.note?.replace(" keys", "") ?? "",
    fmt(r.tree.median),
    fmt(r.tree.p95),
    fmt(r.etcdctl.median),
    fmt(r.raw.median),
    ratio(r.tree.median / r.etcdctl.median),
    ratio(r.tree.median / r.raw.median),
    r.target,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  /** @param {string[]} cells */
  const row = (cells) =>
    cells
      .map((c, i) => (i === 0 || i === 9 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join("  ");
  console.log(row(header));
  console.log(widths.map((w) => "─".repeat(w)).join("  "));
  for (const l of lines) console.log(row(l));
}
