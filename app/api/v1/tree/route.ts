import { treeQuerySchema } from "@/lib/contract";
import { listChildrenForUser } from "@/lib/etcd/tree/tree-restricted";
import { bytesParam, parseQuery } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

/**
 * `GET /api/v1/tree?prefix=P[&prefixEncoding][&separator=/][&limit=N][&after=CURSOR]` →
 * `{header, prefix, children, more, next?}`: the folder's direct children (etcd Range,
 * keys_only with skip-ahead; every page pinned to the first page's revision). When etcd denies
 * the listing to the gateway's etcd user, `restricted: true` and the children leading into the
 * ranges the user may read (Auth.UserGet/RoleGet on its own user); 403 `etcd_permission_denied`
 * naming the folder when there are none.
 */
export const GET = route(async (req) => {
  const q = parseQuery(req, treeQuerySchema);
  return listChildrenForUser({
    prefix: bytesParam("prefix", q.prefix, q.prefixEncoding),
    separator: Buffer.from(q.separator, "utf8"),
    limit: q.limit,
    after: q.after,
  });
});
