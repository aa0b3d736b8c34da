// Figures of one kill cycle, from the traffic samples (see traffic.mjs), all in ms.

/**
 * @typedef {import('./traffic.mjs').Sample} Sample
 * @typedef {object} CycleFigures
 * @property {number} readFailover   kill → first successful read sent after the first failed one
 *   (0 when no read failed)
 * @property {number} readStall      longest time without a successful read answer, from the kill
 * @property {number} writeUnavailable  longest time without a successful write answer, from the kill
 * @property {Record<string, number>} readFailures   failed reads by HTTP status (0 = no answer)
 * @property {Record<string, number>} writeFailures  failed writes by HTTP status
 * @property {number} reads          reads answered in the window
 * @property {number} serializable   of those, served by the no-leader serializable fallback
 * @property {number} writes         writes answered in the window
 */

/**
 * Figures for requests answered in `[kill, until)`.
 * @param {Sample[]} reads
 * @param {Sample[]} writes
 * @param {number} kill   Date.now() of the SIGKILL
 * @param {number} until  end of the window (the restart)
 * @returns {CycleFigures}
 */
export function cycleFigures(reads, writes, kill, until) {
  const inWindow = (/** @type {Sample} */ s) => s.end >= kill && s.end < until;
  const r = reads.filter(inWindow);
  const w = writes.filter(inWindow);
  const firstFail = r.find((s) => s.status !== 200);
  const recovered = firstFail && r.find((s) => s.status === 200 && s.start > firstFail.start);
  return {
    readFailover: !firstFail ? 0 : recovered ? recovered.end - kill : until - kill,
    readStall: longestGap(r, kill, until),
    writeUnavailable: longestGap(w, kill, until),
    readFailures: byStatus(r),
    writeFailures: byStatus(w),
    reads: r.length,
    serializable: r.filter((s) => s.serializable).length,
    writes: w.length,
  };
}

/** Longest time in `[from, until)` between successful answers (from `from` to the first one). */
function longestGap(samples, from, until) {
  let last = from;
  let gap = 0;
  for (const t of samples
    .filter((s) => s.status === 200)
    .map((s) => s.end)
    .sort((a, b) => a - b)) {
    gap = Math.max(gap, t - last);
    last = t;
  }
  return Math.max(gap, until - last);
}

function byStatus(samples) {
  const out = /** @type {Record<string, number>} */ ({});
  for (const s of samples) if (s.status !== 200) out[s.status] = (out[s.status] ?? 0) + 1;
  return out;
}

/**
 * The p-th percentile (nearest rank) of `xs`.
 * @param {number[]} xs
 * @param {number} p  0..100
 */
export function percentile(xs, p) {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * Lost, duplicated and unexpected revisions of an SSE log against what etcd holds.
 * @param {bigint[]} seen      change ids in arrival order
 * @param {bigint[]} expected  every revision that should have arrived
 */
export function compareRevisions(seen, expected) {
  const want = new Set(expected);
  const got = new Set(seen);
  return {
    lost: expected.filter((r) => !got.has(r)).length,
    duplicated: seen.length - got.size,
    unexpected: [...got].filter((r) => !want.has(r)).length,
    outOfOrder: seen.filter((r, i) => i > 0 && r <= seen[i - 1]).length,
  };
}
