import "server-only";
/** One sample of a Prometheus text exposition: its labels and value. */
export type Sample = { labels: Record<string, string>; value: number };

/**
 * Parse the Prometheus text format (version 0.0.4, what etcd's `/metrics` serves) into samples
 * by metric name, keeping only names for which `wanted(name)` is true (etcd exports ~1,000
 * lines; the dashboard needs a few dozen). Comment lines (`# HELP`, `# TYPE`) and timestamps are
 * skipped; label values are unescaped (`\\`, `\"`, `\n`); `+Inf`, `-Inf`, `NaN` become numbers.
 * Malformed lines are skipped, never thrown on.
 */
export function parsePromText(text: string, wanted: (name: string) => boolean) {
  const out = new Map<string, Sample[]>();
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const nameEnd = line.search(/[{\s]/);
    if (nameEnd <= 0) continue;
    const name = line.slice(0, nameEnd);
    if (!wanted(name)) continue;
    let rest = line.slice(nameEnd);
    const labels: Record<string, string> = {};
    if (rest.startsWith("{")) {
      const parsed = parseLabels(rest);
      if (!parsed) continue;
      Object.assign(labels, parsed.labels);
      rest = rest.slice(parsed.end);
    }
    const value = parseValue(rest.trim().split(/\s+/)[0]);
    if (value === null) continue;
    const list = out.get(name) ?? [];
    list.push({ labels, value });
    out.set(name, list);
  }
  return out;
}

function parseValue(text: string | undefined): number | null {
  if (text === undefined || text === "") return null;
  if (text === "+Inf") return Infinity;
  if (text === "-Inf") return -Infinity;
  const n = Number(text);
  return Number.isNaN(n) && text !== "NaN" ? null : n;
}

/** `{a="x",b="y"}` at the start of `s` → the labels and the index after `}`; null if malformed. */
function parseLabels(s: string): { labels: Record<string, string>; end: number } | null {
  const labels: Record<string, string> = {};
  let i = 1;
  for (;;) {
    while (s[i] === " " || s[i] === ",") i++;
    if (s[i] === "}") return { labels, end: i + 1 };
    const eq = s.indexOf("=", i);
    if (eq < 0 || s[eq + 1] !== '"') return null;
    const key = s.slice(i, eq).trim();
    let value = "";
    let j = eq + 2;
    for (; j < s.length && s[j] !== '"'; j++) {
      if (s[j] === "\\" && j + 1 < s.length) {
        j++;
        value += s[j] === "n" ? "\n" : s[j];
      } else value += s[j];
    }
    if (j >= s.length) return null;
    labels[key] = value;
    i = j + 1;
  }
}
