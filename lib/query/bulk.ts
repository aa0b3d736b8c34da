import type {
  CompareResponse,
  CopyResponse,
  Encoding,
  ImportResponse,
  WriteMode,
} from "@/lib/contract";
import { ApiError } from "./api-error";
import { apiFetch } from "./fetcher";

/** One `POST /api/v1/copy` item (a `from` ending in `/` is a prefix). */
export type CopyItemInput = {
  from: string;
  fromEncoding: Encoding;
  to: string;
  toEncoding: Encoding;
};

/**
 * `POST /api/v1/copy` with `items`: preview (`dryRun`) or apply a copy or move.
 * @throws ApiError (400 naming the field, 413, 503/504)
 */
export function copyItems(opts: {
  items: CopyItemInput[];
  mode: WriteMode;
  move: boolean;
  dryRun: boolean;
  keepLease?: boolean;
}): Promise<CopyResponse> {
  return apiFetch<CopyResponse>("/copy", { method: "POST", body: opts });
}

/** `GET /api/v1/compare` for two UTF-8 prefixes, each at an optional revision. */
export function comparePrefixes(q: {
  left: string;
  right: string;
  leftRevision?: string;
  rightRevision?: string;
}): Promise<CompareResponse> {
  return apiFetch<CompareResponse>("/compare", {
    params: {
      left: q.left,
      right: q.right,
      leftRevision: q.leftRevision || undefined,
      rightRevision: q.rightRevision || undefined,
    },
  });
}

/** What to export: `[name, value]` query pairs, `prefix`/`key` repeated (docs/bulk.md). */
export type ExportParams = [string, string][];

/**
 * Download `GET /api/v1/export` as a file, reading the NDJSON stream to count lines for a
 * progress bar: `onProgress(keys, total)` after each chunk, `total` from `X-Export-Count`.
 * The file is handed to the browser as a Blob once complete (never a partial file).
 * @returns the number of keys and the export's revision.
 * @throws ApiError for an error answer, or when the stream is cut (etcd failed mid-way).
 */
export async function downloadExport(
  params: ExportParams,
  onProgress: (keys: number, total: number) => void,
  signal?: AbortSignal,
): Promise<{ keys: number; revision: string }> {
  const res = await fetch(`/api/v1/export?${new URLSearchParams(params)}`, {
    signal,
    cache: "no-store",
  });
  if (!res.ok || !res.body) {
    const body = (await res.json().catch(() => null)) as {
      error?: { code: string; message: string };
    } | null;
    throw new ApiError(
      body?.error?.code ?? "internal",
      res.status,
      body?.error?.message ?? `HTTP ${res.status}`,
    );
  }
  const total = Number(res.headers.get("x-export-count") ?? "0");
  const revision = res.headers.get("x-export-revision") ?? "";
  const reader = res.body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let lines = 0;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      chunks.push(value as Uint8Array<ArrayBuffer>);
      for (const byte of value) if (byte === 0x0a) lines++;
      onProgress(Math.max(0, lines - 1), total);
    }
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new ApiError("etcd_unavailable", 0, "the export was cut off; nothing was saved");
  }
  const url = URL.createObjectURL(new Blob(chunks, { type: "application/x-ndjson" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = `etcd-export-${revision}.ndjson`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { keys: Math.max(0, lines - 1), revision };
}

/**
 * `POST /api/v1/import` with a file's text: a dry run (`planRevision` absent) or the apply of a
 * dry run's plan (`planRevision` from it). NDJSON when the text's first line is our header.
 * @throws ApiError (400 naming the line, 413 past the upload limit, 503/504)
 */
export async function importText(
  text: string,
  q: { mode: WriteMode; dryRun: boolean; prefix?: string; planRevision?: string; leases?: boolean },
): Promise<ImportResponse> {
  const ndjson = text.trimStart().startsWith('{"format"');
  const params = new URLSearchParams({ mode: q.mode });
  if (q.dryRun) params.set("dryRun", "1");
  if (q.prefix) params.set("prefix", q.prefix);
  if (q.planRevision) params.set("planRevision", q.planRevision);
  if (q.leases) params.set("leases", "1");
  const res = await fetch(`/api/v1/import?${params}`, {
    method: "POST",
    headers: { "content-type": ndjson ? "application/x-ndjson" : "application/json" },
    body: text,
  });
  const body = (await res.json().catch(() => null)) as
    | (ImportResponse & { error?: undefined })
    | { error: { code: string; message: string; details?: unknown } }
    | null;
  if (!res.ok || !body || body.error) {
    const err = body?.error;
    throw new ApiError(
      err?.code ?? "internal",
      res.status,
      err?.message ?? `HTTP ${res.status}`,
      err?.details,
    );
  }
  return body as ImportResponse;
}
