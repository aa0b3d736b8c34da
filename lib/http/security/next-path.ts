/** Stand-in origin to resolve a path against: only "is it still this origin" matters. */
const SELF = "http://gateway.invalid";

/**
 * The page to open after signing in, from `/login?next=`: `next` when it is a path on this
 * gateway, else "/". Accepted: starts with exactly one "/", holds no backslash and no control
 * character (browsers treat `\` as `/` and drop tabs and newlines, so `/\host`, `/\t/host` and
 * `/\n/host` all mean `//host`, another origin), and still resolves to this origin. Returns
 * the normalized path + query + fragment.
 */
export function safeNextPath(next: string | undefined | null): string {
  if (typeof next !== "string" || !next.startsWith("/") || next.startsWith("//")) return "/";
  if (/[\\\u0000-\u001f\u007f]/.test(next)) return "/";
  let url: URL;
  try {
    url = new URL(next, SELF);
  } catch {
    return "/";
  }
  if (url.origin !== SELF || !url.pathname.startsWith("/") || url.pathname.startsWith("//"))
    return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
