import { searchQuerySchema } from "@/lib/contract";
import { prefixRange } from "@/lib/etcd/range";
import { compileMatcher } from "@/lib/etcd/search/matcher";
import { searchConsumer } from "@/lib/etcd/search/search-consumer";
import { bytesParam, parseQuery } from "@/lib/http/parse";
import { HEAVY_READ, route } from "@/lib/http/route";
import { scanStream } from "@/lib/http/scan-stream";
import { SSE_HEADERS } from "@/lib/http/sse";

/**
 * `GET /api/v1/search?prefix=P&q=Q[&prefixEncoding][&mode=substring|regex|glob][&in=keys|values]
 * [&limit=1000][&revision=R][&caseSensitive=1][&gentle=1]` → Server-Sent Events: `match` per
 * matching key, `progress` `{scanned, total, revision}` at least every 250 ms, then `done`
 * `{scanned, matches, revision, truncated}` (or `error`). One revision for the whole scan: keys-
 * only etcd Ranges for `in=keys`, Ranges with values (bounded in bytes) for `in=values`; the scan
 * stops when the client leaves. Answered as JSON before any stream: 400 naming `q` for a pattern
 * that doesn't compile (or another bad field), 410 for a compacted `revision`, 503
 * `too_many_streams`. Semantics and costs: docs/search.md.
 * Same-origin only (403 `forbidden_origin` for a cross-site request): it reads much of etcd,
 * so no other site may start one.
 */
export const GET = route(async (req) => {
  const { q, range, matcher } = checkQuery(req);
  const search = searchConsumer(matcher, q.in, q.limit);
  return scanStream(
    req,
    { ...range, revision: q.revision, keysOnly: q.in === "keys", gentle: q.gentle },
    { page: (page, sse) => search.page(page, (m) => sse.send("match", m)), done: search.done },
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

/** The parsed query, its key range and compiled pattern; 400 naming the bad field. */
function checkQuery(req: Request) {
  const q = parseQuery(req, searchQuerySchema);
  const range = prefixRange(bytesParam("prefix", q.prefix, q.prefixEncoding));
  return { q, range, matcher: compileMatcher(q.q, q.mode, q.caseSensitive) };
}
