import { treeQuerySchema } from "@/lib/contract";
import { listChildren } from "@/lib/etcd/tree";
import { bytesParam, parseQuery } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

/**
 * `GET /api/v1/tree?prefix=P[&prefixEncoding][&separator=/][&limit=N][&after=CURSOR]` →
 * `{header, prefix, children, more, next?}`: the folder's direct children (etcd Range,
 * keys_only with skip-ahead; every page pinned to the first page's revision).
 */
export const GET = route(async (req) => {
  const q = parseQuery(req, treeQuerySchema);
  return listChildren({
    prefix: bytesParam("prefix", q.prefix, q.prefixEncoding),
    separator: Buffer.from(q.separator, "utf8"),
    limit: q.limit,
    after: q.after,
  });
});
