import "server-only";
import { invalidField } from "@/lib/errors/gateway-error";

/** Characters with a meaning in RE2 syntax outside a class. */
const RE2_SPECIAL = /[\\.+*?()|[\]{}^$]/;

/**
 * A glob as an RE2 pattern matching the WHOLE key (docs/search.md):
 * - `**` any run of characters, `/` included;
 * - `*` any run of characters within one `/`-separated segment, `?` one character but `/`;
 * - `[abc]`, `[a-z]` one listed character, `[!abc]` / `[^abc]` one character not listed (and not
 *   `/`); a `]` first in the class is literal;
 * - `\x` the character x itself; everything else stands for itself.
 * The result is meant to be compiled with DOTALL, so `**` also crosses newlines.
 * @throws GatewayError 400 naming `q` for a `[` without its `]` or a trailing `\`.
 */
export function globToRegex(glob: string): string {
  let out = "^";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*") {
      if (glob[i + 1] === "*") {
        out += ".*";
        i++;
      } else out += "[^/]*";
    } else if (c === "?") out += "[^/]";
    else if (c === "[") {
      const cls = readClass(glob, i);
      out += cls.regex;
      i = cls.end;
    } else if (c === "\\") {
      if (i + 1 >= glob.length) throw invalidField("q", "glob ends with a lone backslash");
      out += literal(glob[++i]);
    } else out += literal(c);
  }
  return `${out}$`;
}

/** One character (a code point may be two code units: both pass through as text) as RE2. */
function literal(c: string): string {
  return RE2_SPECIAL.test(c) ? `\\${c}` : c;
}

/** The class starting at `glob[start]` (`[`): its RE2 form and the index of its `]`. */
function readClass(glob: string, start: number): { regex: string; end: number } {
  let i = start + 1;
  const negated = glob[i] === "!" || glob[i] === "^";
  if (negated) i++;
  let body = "";
  let first = true;
  for (; i < glob.length; i++) {
    const c = glob[i];
    if (c === "]" && !first) return { regex: `[${negated ? "^/" : ""}${body}]`, end: i };
    first = false;
    // Inside an RE2 class only `\`, `[`, `]` and a leading `^` need escaping; `-` keeps ranges.
    if (c === "\\") {
      if (i + 1 >= glob.length) break;
      const escaped = glob[++i];
      body += /[A-Za-z0-9]/.test(escaped) ? escaped : `\\${escaped}`;
    } else body += c === "[" || c === "]" || c === "^" ? `\\${c}` : c;
  }
  throw invalidField("q", `glob has a "[" at ${start} without its "]"`);
}
