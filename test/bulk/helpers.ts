import * as exportRoute from "@/app/api/v1/export/route";
import * as importRoute from "@/app/api/v1/import/route";

/** GET /api/v1/export → status, headers and the NDJSON lines parsed (or the JSON error). */
export async function exportLines(query: string, headers: Record<string, string> = {}) {
  const res = await exportRoute.GET(
    new Request(`http://127.0.0.1/api/v1/export?${query}`, { headers }),
  );
  const text = await res.text();
  if (res.status !== 200)
    return { status: res.status, headers: res.headers, text, lines: [], error: JSON.parse(text) };
  const lines = text
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  return { status: res.status, headers: res.headers, text, lines, error: null };
}

/** POST /api/v1/import with `body` (text) as `type` → status and parsed JSON. */
export async function importFile(
  query: string,
  body: string,
  type = "application/x-ndjson",
): Promise<{ status: number; body: any }> {
  const res = await importRoute.POST(
    new Request(`http://127.0.0.1/api/v1/import?${query}`, {
      method: "POST",
      headers: { "content-type": type },
      body,
    }),
  );
  return { status: res.status, body: JSON.parse(await res.text()) };
}
