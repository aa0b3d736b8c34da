import { statsQuerySchema } from "@/lib/contract";
import { prefixRange } from "@/lib/etcd/range";
import { statsConsumer } from "@/lib/etcd/search/stats-consumer";
import { bytesParam, parseQuery } from "@/lib/http/parse";
import { HEAVY_READ, route } from "@/lib/http/route";
import { scanStream } from "@/lib/http/scan-stream";
import { SSE_HEADERS } from "@/lib/http/sse";

/**
 * `GET /api/v1/stats?prefix=P[&prefixEncoding][&separator=/][&revision=R][&gentle=1]` →
 * Server-Sent Events: `progress` `{scanned, total, revision}` at least every 250 ms, then `done`
 * `{revision, keys, bytes, children, otherChildren, largest}` (or `error`): bytes are key +
 * value bytes, per child (next path segment) and for the 20 largest keys. Reads every key and
 * value under the prefix at one revision (etcd Ranges bounded in bytes); stops when the client
 * leaves. 400 naming a bad field, 410 a compacted `revision`, as JSON. Costs: docs/search.md.
 * Same-origin only (403 `forbidden_origin` for a cross-site request): it reads much of etcd,
 * so no other site may start one.
 */
export const GET = route(async (req) => {
  const { q, prefix } = checkQuery(req);
  const stats = statsConsumer(prefix, Buffer.from(q.separator, "utf8"));
  return scanStream(
    req,
    { ...prefixRange(prefix), revision: q.revision, keysOnly: false, gentle: q.gentle },
    { page: (page) => stats.page(page), done: (last) => stats.done(last.revision) },
  );
}, HEAVY_READ);

/**
 * `HEAD`: GET's policy and input checks (400 naming a bad field) and the SSE headers, without
 * a scan: Next would otherwise answer HEAD by calling GET, start a scan and never read it.
 */
export const HEAD = route(async (req) => {
  checkQuery(req);
  return new Response(null, { headers: SSE_HEADERS });
}, HEAVY_READ);

/** The parsed query and the prefix's bytes; 400 naming the bad field. */
function checkQuery(req: Request) {
  const q = parseQuery(req, statsQuerySchema);
  return { q, prefix: bytesParam("prefix", q.prefix, q.prefixEncoding) };
}
