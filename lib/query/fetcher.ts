import { apiErrorBodySchema } from "@/lib/contract";
import { ApiError, NETWORK_ERROR } from "./api-error";
import { noteReadHeader } from "./read-freshness";

/** Query-string values; undefined entries are left out. */
export type QueryParams = Record<string, string | number | boolean | undefined>;

/** `/api/v1<path>?<params>`. */
export function apiUrl(path: string, params?: QueryParams): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) if (v !== undefined) qs.set(k, String(v));
  const s = qs.toString();
  return `/api/v1${path}${s ? `?${s}` : ""}`;
}

/**
 * Call the gateway and return its JSON body typed as `T`. A GET's response header feeds the
 * stale-read notice (read-freshness.ts).
 * @param path   route below `/api/v1`, e.g. `/kv`
 * @param init   method, JSON `body` (serialized here), query `params`, abort `signal`
 * @throws ApiError with the error body's code/message/details on any non-2xx answer, or
 *   code `network_error` (status 0) when the gateway could not be reached.
 */
export async function apiFetch<T>(
  path: string,
  init: { method?: string; params?: QueryParams; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(apiUrl(path, init.params), {
      method: init.method ?? "GET",
      headers: init.body === undefined ? undefined : { "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
      cache: "no-store",
    });
  } catch (e) {
    if (init.signal?.aborted) throw e;
    throw new ApiError(NETWORK_ERROR, 0, "The etcd Explorer server could not be reached.");
  }
  const text = await res.text();
  const json: unknown = text ? safeJson(text) : undefined;
  if (res.ok) {
    if ((init.method ?? "GET") === "GET") noteReadHeader(path, json);
    return json as T;
  }
  const parsed = apiErrorBodySchema.safeParse(json);
  if (
    res.status === 401 &&
    typeof window !== "undefined" &&
    window.location.pathname !== "/login"
  ) {
    // The session expired or the token changed: sign in again, then come back here.
    const here = window.location.pathname + window.location.search;
    // A full navigation on purpose: proxy.ts must see the request to offer the sign-in page.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign(`/login?next=${encodeURIComponent(here)}`);
  }
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    throw new ApiError(code, res.status, message, details);
  }
  throw new ApiError("internal", res.status, `HTTP ${res.status} ${res.statusText}`.trim());
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
