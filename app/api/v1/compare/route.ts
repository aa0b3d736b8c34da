import { compareQuerySchema } from "@/lib/contract";
import { comparePrefixes } from "@/lib/etcd/bulk/compare";
import { bytesParam, parseQuery } from "@/lib/http/parse";
import { HEAVY_READ, route } from "@/lib/http/route";

/**
 * `GET /api/v1/compare?left=P1[&right=P2][&leftEncoding][&rightEncoding][&leftRevision=R1]
 * [&rightRevision=R2]` → `{header, left, right, counts, entries, truncated}`: every key under
 * each prefix by relative key — `only-left`, `only-right`, `different`, `same` (etcd Range pages
 * pinned per side; ≤ 10,000 keys a side). `right` defaults to `left` (one prefix at two
 * revisions). 400 naming a bad parameter; 410 for a compacted revision.
 * Same-origin only (403 `forbidden_origin` for a cross-site request): it reads much of etcd,
 * so no other site may start one.
 */
export const GET = route(async (req) => {
  const q = parseQuery(req, compareQuerySchema);
  const left = bytesParam("left", q.left, q.leftEncoding);
  const right = q.right === undefined ? left : bytesParam("right", q.right, q.rightEncoding);
  return comparePrefixes(
    { prefix: left, revision: q.leftRevision },
    { prefix: right, revision: q.rightRevision },
  );
}, HEAVY_READ);
