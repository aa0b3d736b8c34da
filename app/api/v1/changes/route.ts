import { changesQuerySchema } from "@/lib/contract";
import { listChanges } from "@/lib/etcd/history/changes";
import { bytesParam, parseQuery } from "@/lib/http/parse";
import { HEAVY_READ, route } from "@/lib/http/route";

/**
 * `GET /api/v1/changes?prefix=P[&prefixEncoding]&from=A[&to=B][&limit=200][&after=CURSOR]` →
 * `{header, from, to, changes: [{key, keyEncoding, change: "created" | "updated" | "deleted",
 * before?, after?}], more, next?}`: the net change of each key under P between revisions A and
 * B (default: now), in key order (two listings of P with values — etcd Ranges pinned at A and
 * at B, paged together and merged by key; no further reads). 400 naming `from`, `to`, `limit`
 * or `after`; 0 or a future revision included; 410
 * `revision_compacted` with `details.compactRevision`; 403 naming the prefix.
 * Same-origin only (403 `forbidden_origin` for a cross-site request): it reads much of etcd,
 * so no other site may start one.
 */
export const GET = route(async (req) => {
  const q = parseQuery(req, changesQuerySchema);
  return listChanges({
    prefix: bytesParam("prefix", q.prefix, q.prefixEncoding),
    from: q.from,
    to: q.to,
    limit: q.limit,
    after: q.after,
  });
}, HEAVY_READ);
