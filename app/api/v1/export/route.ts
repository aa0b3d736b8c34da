import { exportQuerySchema, MAX_EXPORT_KEYS } from "@/lib/contract";
import { exportNdjson } from "@/lib/etcd/bulk/export";
import { invalidField } from "@/lib/errors/gateway-error";
import { NDJSON_TYPE, ndjsonResponse } from "@/lib/http/bulk/export-stream";
import { bytesParam, parseQuery } from "@/lib/http/parse";
import { HEAVY_READ, route } from "@/lib/http/route";

/**
 * `GET /api/v1/export?prefix=P[&prefix=P2…][&key=K…][&prefixEncoding][&keyEncoding][&revision=R]`
 * → NDJSON, streamed: a header line `{format: "etcd-explorer/v1", prefix, prefixEncoding,
 * revision, exportedAt}`, then one line per key at that one revision (etcd Range pages and Txns
 * of Ranges, all pinned; LeaseTimeToLive per lease). `prefix` and `key` repeat to export a
 * selection (at most 1,000 keys; `prefix=` alone is the whole keyspace). `X-Export-Revision` and
 * `X-Export-Count` (keys to expect, for a progress bar) are response headers. Same-origin only
 * (403 `forbidden_origin` for a cross-site request). 400 naming a bad parameter; 410; 403.
 */
export const GET = route(async (req) => {
  const { q, prefixes, keys } = checkQuery(req);
  const out = await exportNdjson({ prefixes, keys }, q.revision);
  return ndjsonResponse(out.lines, {
    "Content-Disposition": `attachment; filename="etcd-export-${out.revision}.ndjson"`,
    "X-Export-Revision": out.revision,
    "X-Export-Count": out.count,
  });
}, HEAVY_READ);

/**
 * `HEAD`: GET's policy and input checks (400 naming a bad field) and the NDJSON content type,
 * without reading etcd: Next would otherwise answer HEAD by calling GET and start an export
 * nobody reads.
 */
export const HEAD = route(async (req) => {
  checkQuery(req);
  return new Response(null, { headers: { "content-type": NDJSON_TYPE } });
}, HEAVY_READ);

/** The parsed query and the prefixes and keys it selects; 400 naming the bad field. */
function checkQuery(req: Request) {
  const q = parseQuery(req, exportQuerySchema);
  const params = new URL(req.url).searchParams;
  const prefixes = params.getAll("prefix").map((p) => bytesParam("prefix", p, q.prefixEncoding));
  const keys = params.getAll("key").map((k) => bytesParam("key", k, q.keyEncoding));
  if (!prefixes.length && !keys.length) throw invalidField("prefix", "give a prefix or keys");
  if (keys.length > MAX_EXPORT_KEYS) {
    throw invalidField("key", `names more than ${MAX_EXPORT_KEYS} keys; export a prefix`);
  }
  if (keys.some((k) => k.length === 0)) throw invalidField("key", "must not be empty");
  return { q, prefixes, keys };
}
