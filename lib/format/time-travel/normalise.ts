import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import type { ValueFormat } from "@/lib/format/detect-format";

/** Objects' keys in code-point order, recursively, so key order never shows as a change. */
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

/**
 * A JSON or YAML value rewritten in one canonical layout for a diff, so that only changes of
 * content show (not indentation, key order or quoting): JSON → keys sorted, 2-space indent;
 * YAML → keys sorted, the `yaml` package's default layout. For display only: the stored bytes
 * are never replaced by this (numbers beyond 2^53 in JSON lose precision here).
 * @param text    the value as text
 * @param format  its detected format; `text`/`binary` are returned as is
 * @returns the canonical text, or null when `text` doesn't parse as `format`
 */
export function normaliseValue(text: string, format: ValueFormat): string | null {
  try {
    if (format === "json") return `${JSON.stringify(sortKeys(JSON.parse(text)), null, 2)}\n`;
    if (format === "yaml")
      return stringifyYaml(sortKeys(parseYaml(text)), { sortMapEntries: true });
  } catch {
    return null;
  }
  return text;
}
