import { historyQuerySchema } from "@/lib/contract";
import { keyHistory } from "@/lib/etcd/history/history";
import { bytesParam, parseQuery } from "@/lib/http/parse";
import { HEAVY_READ, route } from "@/lib/http/route";

/**
 * `GET /api/v1/history?key=K[&keyEncoding][&limit=50][&before=REV]` →
 * `{header, key, keyEncoding, compactRevision, versions: [{type: "put", revision, kv} |
 * {type: "delete", revision}], more, next?}`, newest first (etcd Range per version; one Watch
 * replay from the compaction where the key was deleted). `next` is the next page's `before`.
 * 400 naming `key`, `limit` or `before`; 410 `revision_compacted` with `details.compactRevision`
 * for a `before` at or below the compaction; 403 naming the key.
 * Same-origin only (403 `forbidden_origin` for a cross-site request): it reads much of etcd,
 * so no other site may start one.
 */
export const GET = route(async (req) => {
  const q = parseQuery(req, historyQuerySchema);
  return keyHistory({
    key: bytesParam("key", q.key, q.keyEncoding),
    limit: q.limit,
    before: q.before,
  });
}, HEAVY_READ);
