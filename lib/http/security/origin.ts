/**
 * Whether a mutating request comes from a page of this gateway: `Origin`, when present, must
 * name the request's own host, and `Sec-Fetch-Site`, when present, must be `same-origin` or
 * `none` (typed URL / non-browser). Requests with neither (curl, scripts) pass: a browser always
 * sends `Origin` on cross-origin writes, so a foreign page can't forge one.
 */
export function sameOrigin(req: Request, host: string): boolean {
  const site = req.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") return false;
  const origin = req.headers.get("origin");
  if (origin === null) return true;
  try {
    const url = new URL(origin);
    if (url.protocol !== "http:" && url.protocol !== "https:") return false;
    // Normalize the Host header the way URL normalizes Origin (case, default port).
    return url.host === new URL(`${url.protocol}//${host}`).host;
  } catch {
    return false; // "null" (sandboxed frames, file://) and garbage
  }
}

/** HTTP methods that never change etcd; every other method is treated as a write. */
export function isSafeMethod(method: string): boolean {
  return method === "GET" || method === "HEAD" || method === "OPTIONS";
}
