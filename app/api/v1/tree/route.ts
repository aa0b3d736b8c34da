import { treeQuerySchema } from "@/lib/contract";
import { withCompactedDetails } from "@/lib/etcd/history/revision-bounds";
import { listChildrenForUser } from "@/lib/etcd/tree/tree-restricted";
import { bytesParam, parseQuery } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

/**
 * `GET /api/v1/tree?prefix=P[&prefixEncoding][&separator=/][&limit=N][&after=CURSOR]
 * [&revision=R]` → `{header, prefix, children, more, next?, atRevision?}`: the folder's direct
 * children, as of revision R when given (410 `revision_compacted` with
 * `details.compactRevision` and `currentRevision`; 400 naming `revision` for a future one) (etcd Range,
 * keys_only with skip-ahead; every page pinned to the first page's revision). When etcd denies
 * the listing to the gateway's etcd user, `restricted: true` and the children leading into the
 * ranges the user may read (Auth.UserGet/RoleGet on its own user); 403 `etcd_permission_denied`
 * naming the folder when there are none.
 */
export const GET = route(async (req) => {
  const q = parseQuery(req, treeQuerySchema);
  const prefix = bytesParam("prefix", q.prefix, q.prefixEncoding);
  return withCompactedDetails(q.revision, prefix, () =>
    listChildrenForUser({
      prefix,
      separator: Buffer.from(q.separator, "utf8"),
      limit: q.limit,
      after: q.after,
      revision: q.revision,
    }),
  );
});
