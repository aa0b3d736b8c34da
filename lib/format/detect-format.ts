import { parse as parseYaml } from "yaml";
import type { Encoding } from "@/lib/contract";
import { editForm, type EditForm } from "./value-text";

/**
 * Values longer than this (in characters) are not parsed to see whether they are YAML: parsing
 * a 1.5 MiB YAML-like value took ~4.4 s and froze the page on opening the key. A `.yaml`/`.yml`
 * key is still YAML, and the editor's "Validate as" can pick YAML by hand.
 */
export const YAML_SNIFF_MAX_CHARS = 64 * 1024;

/** How a value is shown and edited. */
export type ValueFormat = "json" | "yaml" | "text" | "binary";

/**
 * Guess a value's format from its key and content.
 * - bytes that are not text (see notTextReason: invalid UTF-8, control bytes, `k8s\0`) →
 *   `binary` (shown as hex, edited as base64, never as text);
 * - parses as a JSON object/array (or the key ends in `.json`) → `json`;
 * - key ends in `.yaml`/`.yml`, or the text (up to {@link YAML_SNIFF_MAX_CHARS}) looks like a
 *   YAML mapping/list → `yaml`;
 * - otherwise `text`.
 */
export function detectFormat(key: string, value: string, valueEncoding: Encoding): ValueFormat {
  return formatOfForm(key, editForm(value, valueEncoding));
}

/**
 * {@link detectFormat} for a value whose {@link EditForm} the caller already has (the key pane
 * needs both): decoding and scanning a 1.5 MiB value once instead of twice.
 */
export function formatOfForm(key: string, form: EditForm): ValueFormat {
  if (form.mode === "base64") return "binary";
  const lowerKey = key.toLowerCase();
  const trimmed = form.text.trim();
  if (/^[[{]/.test(trimmed) && tryJson(trimmed) !== undefined) return "json";
  if (lowerKey.endsWith(".json") && tryJson(trimmed) !== undefined) return "json";
  if (/\.ya?ml$/.test(lowerKey)) return "yaml";
  if (trimmed.length <= YAML_SNIFF_MAX_CHARS && looksLikeYaml(trimmed)) return "yaml";
  return "text";
}

/** Pretty-print JSON with 2-space indentation; the input unchanged when it isn't JSON. */
export function prettyJson(value: string): string {
  const parsed = tryJson(value);
  return parsed === undefined ? value : JSON.stringify(parsed, null, 2);
}

/**
 * Check `text` against `format` before a save.
 * @returns an error message naming the line when it doesn't parse, else null.
 */
export function validateValue(text: string, format: ValueFormat): string | null {
  if (format === "json") {
    try {
      JSON.parse(text);
      return null;
    } catch (e) {
      return `Invalid JSON: ${(e as Error).message}`;
    }
  }
  if (format === "yaml") {
    try {
      parseYaml(text);
      return null;
    } catch (e) {
      return `Invalid YAML: ${(e as Error).message}`;
    }
  }
  return null;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function looksLikeYaml(text: string): boolean {
  // Needs at least two "key: value" or "- item" lines so ordinary prose isn't mistaken for YAML.
  const lines = text.split("\n").filter((l) => l.trim() && !l.trim().startsWith("#"));
  if (lines.length < 2) return false;
  const yamlish = lines.filter((l) => /^\s*(- |[\w.-]+:(\s|$))/.test(l)).length;
  if (yamlish < Math.ceil(lines.length * 0.8)) return false;
  try {
    const parsed: unknown = parseYaml(text);
    return typeof parsed === "object" && parsed !== null;
  } catch {
    return false;
  }
}
